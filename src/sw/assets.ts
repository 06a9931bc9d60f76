/**
 * Build files under assets/: their names carry a content hash, so a cached copy is never stale
 * and is served without asking the network, from this build's cache or an earlier one's still
 * kept for a tab that runs it (buildCache.ts). A file missing from every cache (onnxruntime's
 * WebGPU files, fetched only by browsers on WebGPU) is kept once fetched.
 */
import { CACHE, matchAnyBuild } from './buildCache';
import { isolated } from './isolation';

export async function serveAsset(request: Request): Promise<Response> {
  const hit = await matchAnyBuild(request);
  if (hit) return isolated(hit);
  const response = await fetch(request);
  // Hashed names never change content: keep any complete same-origin copy.
  if (response.ok && response.status === 200 && response.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone()).catch(() => undefined);
  }
  return isolated(response);
}
