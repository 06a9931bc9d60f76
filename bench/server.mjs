/**
 * A small static server for the benchmark: the built app at `/`, the generated models at
 * `/models/`, the peer page at `/peer/` (its onnxruntime-web files at `/peer/ort/`). Every response
 * is cross-origin isolated (COOP same-origin, COEP require-corp) and never compressed.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
};

/** mounts: [[urlPrefix, directory]], longest prefix first; `spa` answers `/` with index.html. */
export async function startServer(mounts, { port = 0, host = '127.0.0.1' } = {}) {
  const sorted = [...mounts].sort((a, b) => b[0].length - a[0].length).map(([p, d]) => [p, resolve(d)]);
  const server = createServer(async (req, res) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-cache');
    if (req.method !== 'GET' && req.method !== 'HEAD') return end(res, 405);
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return end(res, 400);
    }
    const mount = sorted.find(([prefix]) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));
    if (!mount) return end(res, 404);
    const [prefix, dir] = mount;
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return end(res, 403);
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return end(res, 404);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const { port: actual } = server.address();
  return { url: `http://${host}:${actual}`, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }), server };
}

function end(res, status) {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(String(status));
}
