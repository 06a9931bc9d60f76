import { defineConfig, type Plugin, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

// COOP/COEP (WASM threads), the Content-Security-Policy and the Referrer-Policy: one module holds
// them for every server and the service worker (scripts/securityHeaders.mjs says why each is there).
import { DEV_HEADERS, PRODUCTION_HEADERS } from './scripts/securityHeaders.mjs';

// vite's servers gzip unknown types (a 350 MB .onnx took 10x longer) and answer missing files
// with index.html: serve model files as binary and give a real 404 for missing ones.
function modelFiles(): Plugin {
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const [path = ''] = (req.url ?? '').split('?');
    if (path.endsWith('.onnx')) res.setHeader('Content-Type', 'application/octet-stream');
    next();
  };
  return {
    name: 'model-files',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}

/**
 * The service worker (src/sw/, TypeScript) and its manifest, both at the root of the build: the
 * page registers `${BASE_URL}sw.js`, and a worker's scope can only be its own folder or below.
 *
 * `sw.js` is an extra entry of the app's own bundle, so it gets the same target and minifier.
 * It is registered as a classic script, because module workers cannot call importScripts (which
 * loads the manifest), so it must import nothing: the build fails if the bundler ever moves code
 * it uses into a shared chunk.
 *
 * `sw-manifest.js` (read by src/sw/manifest.ts with importScripts) holds this build's id and the
 * files the worker keeps for offline use. `shell` (index.html, JS, CSS) is cached when the
 * worker installs; `runtime` (onnxruntime's WASM .wasm, 14 MB) right after, in the background.
 * `webgpu` (onnxruntime's WebGPU bundle and its 27 MB .wasm) is only cached when a browser that
 * runs on WebGPU fetches it: most students' laptops never need it.
 * Model files (models/, .onnx) are left out: the CLIP worker caches those itself.
 */
const SERVICE_WORKER = 'sw.js';

function serviceWorker(): Plugin {
  return {
    name: 'service-worker',
    apply: 'build',
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: fileURLToPath(new URL('src/sw/index.ts', import.meta.url)), fileName: SERVICE_WORKER });
    },
    generateBundle(_options, bundle) {
      const sw = bundle[SERVICE_WORKER];
      if (sw?.type !== 'chunk') this.error(`${SERVICE_WORKER} is missing from the bundle`);
      if (sw.imports.length > 0 || sw.dynamicImports.length > 0) {
        this.error(`${SERVICE_WORKER} must be one classic script, but it imports ${[...sw.imports, ...sw.dynamicImports].join(', ')}`);
      }
      this.emitFile({ type: 'asset', fileName: 'sw-manifest.js', source: manifestScript(bundle) });
    },
  };
}

/** `self.__CLIP_SW__ = { build, shell, runtime, webgpu }` for the files of this bundle. */
function manifestScript(bundle: Rolldown.OutputBundle): string {
  const files = Object.keys(bundle)
    .filter((f) => f.startsWith('assets/') && !f.endsWith('.map') && !f.endsWith('.onnx'))
    .sort();
  const webgpuOnly = (f: string) => /webgpu|asyncify/.test(f);
  const webgpu = files.filter(webgpuOnly);
  const shell = ['index.html', ...files.filter((f) => !f.endsWith('.wasm') && !webgpuOnly(f))];
  const runtime = files.filter((f) => f.endsWith('.wasm') && !webgpuOnly(f));
  // The build id names the worker's cache: it changes whenever any file the worker keeps does.
  const html = bundle['index.html'];
  const hash = createHash('sha256').update(files.join('\n'));
  if (html?.type === 'asset') hash.update(html.source);
  const manifest = { build: hash.digest('hex').slice(0, 16), shell, runtime, webgpu };
  return `// Written by vite.config.ts for the service worker (src/sw/manifest.ts).\nself.__CLIP_SW__ = ${JSON.stringify(manifest, null, 2)};\n`;
}

export default defineConfig({
  plugins: [react(), modelFiles(), serviceWorker()],
  server: { headers: DEV_HEADERS },
  preview: { headers: PRODUCTION_HEADERS },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
