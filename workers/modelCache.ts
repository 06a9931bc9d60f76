/**
 * Model files kept with the Cache API, so a second visit (or a lecture with no network) loads from
 * disk. A file is stored only once it is complete and verified: nothing half-written is ever kept.
 * A file that fails its pinned size or SHA-256 is an `integrity` ClipError.
 */
import { MODEL_CACHE } from '../src/clip/modelSource';
import type { FileProgress } from './api';
import { downloadFile, type DownloadOptions } from './download';
import { ClipError } from './errors';

export interface Integrity {
  size: number;
  sha256: string;
}

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(MODEL_CACHE);
  } catch {
    return null; // e.g. opaque origins or private modes without storage
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function verify(file: string, bytes: Uint8Array, integrity: Integrity | undefined): Promise<void> {
  if (!integrity) return;
  if (bytes.byteLength !== integrity.size) {
    const message = `${file} has the wrong size: ${bytes.byteLength} bytes instead of ${integrity.size} (truncated or corrupted download)`;
    throw new ClipError({ kind: 'integrity', message, file });
  }
  const hash = await sha256Hex(bytes);
  if (hash !== integrity.sha256) {
    const message = `${file} failed its integrity check (SHA-256 ${hash.slice(0, 12)}… instead of ${integrity.sha256.slice(0, 12)}…)`;
    throw new ClipError({ kind: 'integrity', message, file });
  }
}

/** A model file from the cache, or downloaded, verified and then cached. */
export async function fetchModelFile(
  url: string,
  file: string,
  options: DownloadOptions & { integrity?: Integrity; modelId?: string } = {},
): Promise<Uint8Array> {
  const cache = await openCache();
  const hit = await cache?.match(url);
  if (hit) {
    const bytes = new Uint8Array(await hit.arrayBuffer());
    try {
      await verify(file, bytes, options.integrity);
      reportCached(options.onProgress, file, bytes.byteLength);
      return bytes;
    } catch {
      await cache?.delete(url); // a bad cached copy is dropped and fetched again
    }
  }
  const bytes = await downloadFile(url, file, options);
  await verify(file, bytes, options.integrity);
  if (cache) {
    // The model id and file name let the page list and delete cached models without parsing URLs.
    const headers = {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(bytes.byteLength),
      'X-Clip-Model': encodeURIComponent(options.modelId ?? ''),
      'X-Clip-File': encodeURIComponent(file),
    };
    await cache.put(url, new Response(bytes as Uint8Array<ArrayBuffer>, { headers })).catch(() => undefined); // full disk: still usable now
  }
  return bytes;
}

function reportCached(onProgress: ((p: FileProgress) => void) | undefined, file: string, size: number): void {
  onProgress?.({ file, loaded: size, total: size, done: true, fromCache: true });
}
