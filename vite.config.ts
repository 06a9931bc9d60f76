import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';

// Cross-origin isolation gives SharedArrayBuffer, which onnxruntime-web needs for WASM threads.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// vite's servers gzip unknown types (a 350 MB .onnx took 10x longer) and answer missing files
// with index.html: serve model files as binary and give a real 404 for missing ones.
function modelFiles(): Plugin {
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if ((req.url ?? '').split('?')[0].endsWith('.onnx')) res.setHeader('Content-Type', 'application/octet-stream');
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
 * Writes `sw-manifest.js` next to `public/sw.js` (which imports it): this build's id and the files
 * the service worker keeps for offline use. `shell` (index.html, JS, CSS) is cached when the
 * worker installs; `runtime` (onnxruntime's WASM .wasm, 14 MB) right after, in the background.
 * `webgpu` (onnxruntime's WebGPU bundle and its 27 MB .wasm) is only cached when a browser that
 * runs on WebGPU fetches it: most students' laptops never need it.
 * Model files (models/, .onnx) are left out: the CLIP worker caches those itself.
 */
function serviceWorkerManifest(): Plugin {
  return {
    name: 'sw-manifest',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f.startsWith('assets/') && !f.endsWith('.map') && !f.endsWith('.onnx'))
        .sort();
      const webgpuOnly = (f: string) => /webgpu|asyncify/.test(f);
      const webgpu = files.filter(webgpuOnly);
      const shell = ['index.html', ...files.filter((f) => !f.endsWith('.wasm') && !webgpuOnly(f))];
      const runtime = files.filter((f) => f.endsWith('.wasm') && !webgpuOnly(f));
      const html = bundle['index.html'];
      const hash = createHash('sha256').update(files.join('\n'));
      if (html?.type === 'asset') hash.update(html.source);
      const manifest = { build: hash.digest('hex').slice(0, 16), shell, runtime, webgpu };
      this.emitFile({
        type: 'asset',
        fileName: 'sw-manifest.js',
        source: `// Written by vite.config.ts for public/sw.js.\nself.__CLIP_SW__ = ${JSON.stringify(manifest, null, 2)};\n`,
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), modelFiles(), serviceWorkerManifest()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
