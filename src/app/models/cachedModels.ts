/** The model files this browser keeps (Cache API), grouped by model, for listing and deleting. */
import { MODEL_CACHE } from '../../clip/modelSource';

export interface CachedModel {
  id: string;
  files: string[];
  bytes: number;
}

export async function listCachedModels(): Promise<CachedModel[]> {
  if (typeof caches === 'undefined') return [];
  const cache = await caches.open(MODEL_CACHE);
  const byId = new Map<string, CachedModel>();
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (!response) continue;
    const id = decodeURIComponent(response.headers.get('X-Clip-Model') ?? '') || new URL(request.url).pathname;
    const file = decodeURIComponent(response.headers.get('X-Clip-File') ?? '') || request.url;
    const entry = byId.get(id) ?? { id, files: [], bytes: 0 };
    entry.files.push(file);
    entry.bytes += Number(response.headers.get('Content-Length') ?? 0);
    byId.set(id, entry);
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export async function deleteCachedModel(id: string): Promise<void> {
  const cache = await caches.open(MODEL_CACHE);
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (decodeURIComponent(response?.headers.get('X-Clip-Model') ?? '') === id) await cache.delete(request);
  }
}

/** Ask the browser not to evict the models under storage pressure (it may say no). */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persisted?.()) || ((await navigator.storage?.persist?.()) ?? false);
  } catch {
    return false;
  }
}
