/**
 * The model files this browser keeps (Cache API, written by the worker: workers/modelCache.ts),
 * grouped by model, for listing and deleting. A model counts as stored only when every file one
 * backend needs is there: a download that stopped half way, or files the quota refused, leave an
 * incomplete model that would still need the network.
 */
import { catalogEntry } from '../../clip/catalog';
import { CONFIG_FILES, MODEL_CACHE, onnxFileName, type Precision } from '../../clip/modelSource';

export interface CachedModel {
  id: string;
  files: string[];
  bytes: number;
  /** Configs, tokenizer and both towers of one backend's precisions are all stored. */
  complete: boolean;
}

/** Headers the worker stores with each file (workers/modelCache.ts). */
const MODEL_HEADER = 'X-Clip-Model';
const FILE_HEADER = 'X-Clip-File';

/** Whether these files (of one source) are enough to load the model on some backend without the network. */
export function isCompleteModel(id: string, files: ReadonlySet<string>): boolean {
  const required = [CONFIG_FILES.config, CONFIG_FILES.preprocessor, CONFIG_FILES.tokenizer];
  if (!required.every((file) => files.has(file))) return false;
  const wasm = catalogEntry(id)?.wasm ?? { vision: 'q8', text: 'q8' };
  const plans: { vision: Precision; text: Precision }[] = [wasm, { vision: 'fp32', text: 'fp32' }, { vision: 'fp16', text: 'fp16' }];
  return plans.some((plan) => files.has(onnxFileName('vision', plan.vision)) && files.has(onnxFileName('text', plan.text)));
}

export async function listCachedModels(): Promise<CachedModel[]> {
  if (typeof caches === 'undefined') return [];
  const cache = await caches.open(MODEL_CACHE);
  // By model, then by where the files came from: a hub copy and a same-origin copy are not mixed.
  const byId = new Map<string, { files: string[]; bytes: number; sources: Map<string, Set<string>> }>();
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (!response) continue;
    const id = decodeURIComponent(response.headers.get(MODEL_HEADER) ?? '') || new URL(request.url).pathname;
    const file = decodeURIComponent(response.headers.get(FILE_HEADER) ?? '') || request.url;
    const base = request.url.endsWith(file) ? request.url.slice(0, -file.length) : request.url;
    const entry = byId.get(id) ?? { files: [], bytes: 0, sources: new Map<string, Set<string>>() };
    entry.files.push(file);
    entry.bytes += Number(response.headers.get('Content-Length') ?? 0);
    entry.sources.set(base, (entry.sources.get(base) ?? new Set()).add(file));
    byId.set(id, entry);
  }
  return [...byId.entries()]
    .map(([id, { files, bytes, sources }]) => ({ id, files, bytes, complete: [...sources.values()].some((set) => isCompleteModel(id, set)) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export async function deleteCachedModel(id: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  const cache = await caches.open(MODEL_CACHE);
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (decodeURIComponent(response?.headers.get(MODEL_HEADER) ?? '') === id) await cache.delete(request);
  }
}

/** Space left for this site, in bytes (null where the browser does not say). */
export async function freeStorageBytes(): Promise<number | null> {
  try {
    const estimate = await navigator.storage?.estimate?.();
    if (estimate?.quota === undefined) return null;
    return Math.max(0, estimate.quota - (estimate.usage ?? 0));
  } catch {
    return null;
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
