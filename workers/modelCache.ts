/**
 * Model files kept with the Cache API, so a second visit (or a lecture with no network) loads from
 * disk. Each entry carries what it is and how it was checked, in headers the page can read too
 * (`src/app/models/cachedModels.ts` lists models by them):
 *   X-Clip-Model, X-Clip-File, X-Clip-Revision, X-Clip-Sha256, Content-Length, ETag, Last-Modified.
 * An entry without X-Clip-Sha256 was written by an older version of the app, which stored files
 * unverified: it is trusted only as far as a pin vouches for it.
 *
 * Where there is no Cache API (an insecure context: `http://<LAN address>`), nothing is kept and
 * models load from the network each time. Writing may fail (a full disk, a small quota): the file is
 * still used, only not kept.
 */
import { MODEL_CACHE } from '../src/clip/modelSource';
import { readWholeBody } from './bodyChunks';
import { ClipError } from './errors';

export interface Integrity {
  size: number;
  sha256: string;
}

/** What is stored with each cached file. */
export interface CachedFileInfo {
  modelId: string;
  file: string;
  revision: string;
  /** Null for a copy an older version of the app stored unverified. */
  sha256: string | null;
  size: number;
  etag: string | null;
  lastModified: string | null;
}

export const CACHE_HEADERS = {
  model: 'X-Clip-Model',
  file: 'X-Clip-File',
  revision: 'X-Clip-Revision',
  sha256: 'X-Clip-Sha256',
} as const;

export async function openModelCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(MODEL_CACHE);
  } catch {
    return null; // opaque origins, storage blocked by the user
  }
}

/** A cached file's bytes and what was stored with them; null when absent or unreadable. */
export async function readCachedFile(cache: Cache, url: string): Promise<{ bytes: Uint8Array; info: CachedFileInfo } | null> {
  try {
    const response = await cache.match(url);
    if (!response) return null;
    const stored = Number(response.headers.get('Content-Length'));
    const bytes = response.body ? await readWholeBody(response.body, Number.isSafeInteger(stored) ? stored : 0) : new Uint8Array(0);
    // Written with its Content-Length (storeCachedFile): a body of another size is not that file.
    if (response.headers.has('Content-Length') && bytes.byteLength !== stored) return null;
    return { bytes, info: infoFromHeaders(response.headers, bytes.byteLength) };
  } catch {
    return null;
  }
}

function infoFromHeaders(headers: Headers, size: number): CachedFileInfo {
  const get = (name: string) => headers.get(name);
  const decoded = (name: string) => decodeURIComponent(get(name) ?? '');
  return {
    modelId: decoded(CACHE_HEADERS.model),
    file: decoded(CACHE_HEADERS.file),
    revision: decoded(CACHE_HEADERS.revision),
    sha256: get(CACHE_HEADERS.sha256),
    size,
    etag: get('ETag'),
    lastModified: get('Last-Modified'),
  };
}

/** How a write went: `quota-exceeded` when the browser's storage for this site is full. */
export type StoreOutcome = 'stored' | 'quota-exceeded' | 'failed';

/** Stores a file; given bytes, it copies them at once (`blobOf`), so the caller may free them when this returns a promise. */
export async function storeCachedFile(cache: Cache, url: string, body: Uint8Array | Blob, info: Omit<CachedFileInfo, 'size'>): Promise<StoreOutcome> {
  const blob = body instanceof Blob ? body : blobOf(body);
  const headers = new Headers({
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(blob.size),
    [CACHE_HEADERS.model]: encodeURIComponent(info.modelId),
    [CACHE_HEADERS.file]: encodeURIComponent(info.file),
    [CACHE_HEADERS.revision]: encodeURIComponent(info.revision),
  });
  if (info.sha256) headers.set(CACHE_HEADERS.sha256, info.sha256);
  if (info.etag) headers.set('ETag', info.etag);
  if (info.lastModified) headers.set('Last-Modified', info.lastModified);
  try {
    await cache.put(url, new Response(blob, { headers }));
    return 'stored';
  } catch (error) {
    return error instanceof DOMException && error.name === 'QuotaExceededError' ? 'quota-exceeded' : 'failed';
  }
}

/**
 * The bytes as a Blob, copied 1 MB at a time through one scratch buffer. Memory a web API is
 * handed can stay with the engine until a garbage collection, even once the worker detached it
 * (`releaseBuffer`): a tower handed to `cache.put` as a stream of views on it kept its 60–90 MB
 * resident after the write (measured in Chromium, BENCHMARKS.md). Each Blob copies its part when
 * it is made, so only the scratch buffer is ever handed over; Chromium keeps the parts in the
 * browser's blob store, out of the renderer (other engines may keep them in the page's process).
 */
export function blobOf(bytes: Uint8Array): Blob {
  const scratch = new Uint8Array(Math.min(bytes.byteLength, 1 << 20));
  const parts: Blob[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += scratch.byteLength) {
    const length = Math.min(scratch.byteLength, bytes.byteLength - offset);
    scratch.set(bytes.subarray(offset, offset + length));
    parts.push(new Blob([scratch.subarray(0, length)]));
  }
  return new Blob(parts);
}

export async function deleteCachedFile(cache: Cache | null, url: string): Promise<void> {
  await cache?.delete(url).catch(() => false);
}

/** Checks bytes against a pin, given their SHA-256 (computed while they streamed in, or since). */
export function verify(file: string, bytes: Uint8Array, sha256: string, integrity: Integrity | undefined): void {
  if (!integrity) return;
  if (bytes.byteLength !== integrity.size) {
    const message = `${file} has the wrong size: ${bytes.byteLength} bytes instead of ${integrity.size} (truncated or corrupted download)`;
    throw new ClipError({ kind: 'integrity', message, file });
  }
  if (sha256 !== integrity.sha256) {
    const message = `${file} failed its integrity check (SHA-256 ${sha256.slice(0, 12)}… instead of ${integrity.sha256.slice(0, 12)}…)`;
    throw new ClipError({ kind: 'integrity', message, file });
  }
}
