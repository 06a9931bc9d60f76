/** Fetching model files with byte-level progress and errors that name the file. */
import type { FileProgress } from './api';

export class DownloadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FileProgress) => void;
}

export async function downloadFile(url: string, file: string, options: DownloadOptions = {}): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: options.signal, mode: 'cors', credentials: 'omit' });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new DownloadError(file, `Could not download ${file}: network error (${url} unreachable)`);
  }
  if (!response.ok) {
    throw new DownloadError(file, `Could not download ${file}: HTTP ${response.status} ${response.statusText}`.trim() + ` (${url})`);
  }
  // Static dev servers answer a missing file with the app's index.html and status 200.
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new DownloadError(file, `Could not download ${file}: the server sent a web page instead (not found at ${url})`);
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
    if (options.signal?.aborted) throw error;
    throw new DownloadError(file, `Download of ${file} was interrupted after ${loaded} bytes`);
  }
  if (total !== null && loaded !== total) {
    throw new DownloadError(file, `Download of ${file} is incomplete: ${loaded} of ${total} bytes`);
  }
  const bytes = concat(chunks, loaded);
  report(loaded, true);
  return bytes;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
