/**
 * Build files under assets/: their names carry a content hash, so a cached copy is never stale
 * and is served without asking the network. A file missing from the cache (onnxruntime's WebGPU
 * files, fetched only by browsers on WebGPU) is kept once fetched.
 */
import { CACHE } from './buildCache';
import { isolated } from './isolation';

export async function serveAsset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  // ignoreVary: servers send `Vary: Origin`, and page requests (crossorigin scripts) carry an
  // Origin header the precache requests lack; a hashed file is the same bytes either way.
  const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
  if (hit) return isolated(hit);
  const response = await fetch(request);
  // Hashed names never change content: keep any complete same-origin copy.
  if (response.ok && response.status === 200 && response.type === 'basic') {
    await cache.put(request, response.clone()).catch(() => undefined);
  }
  return isolated(response);
}
