/**
 * Fetching model files with byte-level progress. Every failure is a `ClipError` naming the file:
 * `network` (unreachable, dropped), `http` (with `status`), `integrity` (fewer bytes than announced),
 * `cancelled` (the caller's signal).
 */
import type { FileProgress } from './api';
import { ClipError } from './errors';

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FileProgress) => void;
}

export function downloadCancelled(file: string): ClipError {
  return new ClipError({ kind: 'cancelled', message: 'Download cancelled', file });
}

export async function downloadFile(url: string, file: string, options: DownloadOptions = {}): Promise<Uint8Array> {
  const { signal } = options;
  let response: Response;
  try {
    response = await fetch(url, { signal, mode: 'cors', credentials: 'omit' });
  } catch (error) {
    if (signal?.aborted) throw downloadCancelled(file);
    throw new ClipError({ kind: 'network', message: `Could not download ${file}: network error (${url} unreachable)`, file }, { cause: error });
  }
  if (!response.ok) {
    const message = `Could not download ${file}: HTTP ${response.status} ${response.statusText}`.trim() + ` (${url})`;
    throw new ClipError({ kind: 'http', message, file, status: response.status });
  }
  // Static dev servers answer a missing file with the app's index.html and status 200: that is the
  // 404 it stands for (an optional file is then skipped like a real 404).
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    const message = `Could not download ${file}: the server sent a web page instead (not found at ${url})`;
    throw new ClipError({ kind: 'http', message, file, status: 404 });
  }
  const lengthHeader = response.headers.get('content-length');
  // A compressed response's length counts compressed bytes: only trust it for identity encoding.
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const total = lengthHeader && !encoded ? Number(lengthHeader) : null;
  const report = (loaded: number, done: boolean) => options.onProgress?.({ file, loaded, total, done });
  report(0, false);
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    report(bytes.byteLength, true);
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let lastReport = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        report(loaded, false);
      }
    }
  } catch (error) {
    if (signal?.aborted) throw downloadCancelled(file);
    throw new ClipError({ kind: 'network', message: `Download of ${file} was interrupted after ${loaded} bytes`, file }, { cause: error });
  }
  if (total !== null && loaded !== total) {
    throw new ClipError({ kind: 'integrity', message: `Download of ${file} is incomplete: ${loaded} of ${total} bytes`, file });
  }
  const bytes = concat(chunks, loaded);
  report(loaded, true);
  return bytes;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const [only] = chunks;
  if (chunks.length === 1 && only) return only;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
