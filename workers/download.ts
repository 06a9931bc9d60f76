/**
 * Fetching one model file so that it survives lecture Wi-Fi, with byte-level progress:
 * - streamed into one buffer (`ByteSink`) through one reused chunk buffer (`bodyChunks`) and hashed
 *   (SHA-256) as it arrives: no second copy, no second pass, no spent chunks left for the garbage
 *   collector, and a file over its byte limit stops at once;
 * - a dropped connection resumes with `Range` where the server allows it (a 206 is appended and
 *   hashing goes on; a 200 starts over);
 * - network errors, 429 and 5xx are tried again with backoff and jitter, honouring Retry-After,
 *   for a bounded number of attempts and total wait; while waiting, progress says so, and Cancel
 *   still works.
 * Every failure is a `ClipError` naming the file: `network` (unreachable, dropped), `http` (with
 * `status`), `integrity` (not the pinned size), `limit` (too large), `cancelled` (the signal).
 */
import type { DownloadRetry, FileProgress } from './api';
import { canResume, resumeHeaders, resumeOutcome, validatorOf, type Validator } from './byteRange';
import { chunkReader } from './bodyChunks';
import { ByteSink } from './byteSink';
import { ClipError } from './errors';
import { fileByteLimit, type ByteLimit } from './fileLimits';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, planRetry, retryReasonForStatus, type AttemptFailure, type RetryPolicy } from './retryPolicy';
import { createSha256 } from './sha256';

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FileProgress) => void;
  /** The most bytes the file may have (default: by its name, see fileLimits). */
  limit?: ByteLimit;
  /** The pinned size: one buffer of exactly this size, and a different size fails at once. */
  expectedSize?: number;
  retry?: RetryPolicy;
  /** Ask the network, not the browser's HTTP cache (whose copy failed before). */
  reload?: boolean;
  /** Randomness for the jitter (tests make it fixed). */
  random?: () => number;
}

/** A complete download. */
export interface Downloaded {
  /** A view of the one buffer the file was streamed into. */
  bytes: Uint8Array;
  /** SHA-256 of the bytes, lowercase hex, computed while they arrived. */
  sha256: string;
  /** ETag and Last-Modified of the version downloaded. */
  validator: Validator;
}

export function downloadCancelled(file: string): ClipError {
  return new ClipError({ kind: 'cancelled', message: 'Download cancelled', file });
}

export async function downloadFile(url: string, file: string, options: DownloadOptions = {}): Promise<Downloaded> {
  const result = await transfer(url, file, options, null);
  if (result === 'not-modified') throw new ClipError({ kind: 'http', status: 304, file, message: `Could not download ${file}: unexpected HTTP 304 (${url})` });
  return result;
}

/**
 * A conditional download (`If-None-Match: etag`): 'not-modified' when the server confirms the copy
 * held is current. One attempt only: a caller with a copy in hand uses it when the network fails.
 */
export function revalidateFile(url: string, file: string, etag: string, options: DownloadOptions = {}): Promise<Downloaded | 'not-modified'> {
  return transfer(url, file, { ...options, retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 } }, etag);
}

/** One attempt's end: done, or failed with what a retry needs to know (null: do not retry). */
type Attempt =
  | { done: Downloaded | 'not-modified' }
  | { failed: ClipError; retry: AttemptFailure | null }
  /** The answer to a resume was unusable: ask again for the whole file, at once. */
  | { refetch: true };

async function transfer(url: string, file: string, options: DownloadOptions, ifNoneMatch: string | null): Promise<Downloaded | 'not-modified'> {
  const { signal, onProgress } = options;
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const pinned = options.expectedSize !== undefined;
  const sink = new ByteSink(file, options.limit ?? fileByteLimit(file), options.expectedSize);
  // If-Range is not CORS-safelisted: across origins it would cost a preflight the server may refuse.
  const sendIfRange = typeof location === 'undefined' || new URL(url, location.href).origin === location.origin;
  let hash = createSha256();
  let validator: Validator | null = null;
  let total: number | null = options.expectedSize ?? null;
  let resumedFrom: number | undefined;
  /** Whether any attempt got an answer from the server. */
  let reached = false;
  /** False when the server compresses the file on the fly. */
  let resumable = true;
  const canContinue = () => resumable && canResume(sink.loaded, validator, pinned);
  let lastReport = 0;
  const report = (done: boolean, retry?: DownloadRetry) => {
    lastReport = performance.now();
    onProgress?.({ file, loaded: sink.loaded, total, done, ...(resumedFrom !== undefined ? { resumedFrom } : {}), ...(retry ? { retry } : {}) });
  };
  const startOver = () => {
    sink.reset();
    hash = createSha256();
    resumedFrom = undefined;
  };

  /** One request and the body it brings, appended to what is held from `offset`. */
  const attempt = async (offset: number): Promise<Attempt> => {
    const headers = offset > 0 ? resumeHeaders(offset, validator, sendIfRange) : ifNoneMatch ? { 'If-None-Match': ifNoneMatch } : undefined;
    let response: Response;
    try {
      // A resumed request bypasses the HTTP cache: a truncated entry there must not answer it.
      const cache: RequestCache = offset > 0 ? 'no-store' : options.reload ? 'reload' : 'default';
      response = await fetch(url, { signal, mode: 'cors', credentials: 'omit', headers, cache });
    } catch (error) {
      if (signal?.aborted) throw downloadCancelled(file);
      const message = `Could not download ${file}: network error (${url} unreachable)`;
      return { failed: new ClipError({ kind: 'network', message, file }, { cause: error }), retry: { reason: 'connection-lost', retryAfterMs: null } };
    }
    reached = true;
    if (ifNoneMatch && offset === 0 && response.status === 304) return { done: 'not-modified' };
    if (offset > 0) {
      const outcome = resumeOutcome(response.status, response.headers.get('content-range'), offset, validator, validatorOf(response.headers), total);
      if (outcome === 'refetch' && (response.ok || response.status === 416)) {
        await response.body?.cancel().catch(() => undefined);
        return { refetch: true };
      }
      if (outcome === 'start-over') startOver();
      if (outcome === 'append') resumedFrom = offset;
    }
    if (!response.ok) return httpFailure(response, url, file);
    // Static dev servers answer a missing file with the app's index.html and status 200: that is the
    // 404 it stands for (an optional file is then skipped like a real 404).
    if ((response.headers.get('content-type') ?? '').includes('text/html')) {
      const message = `Could not download ${file}: the server sent a web page instead (not found at ${url})`;
      throw new ClipError({ kind: 'http', message, file, status: 404 });
    }
    const announced = announcedTotal(response);
    if (response.status === 200) {
      validator = validatorOf(response.headers);
      total = options.expectedSize ?? null;
      // A compressed body's byte offsets are not the file's: a range of it cannot be appended.
      resumable = !isEncoded(response);
    }
    if (announced !== null) {
      sink.expect(announced); // over the limit, or not the pinned size: fails before any byte is read
      total = announced;
    }
    report(false);
    return readBody(response, offset);
  };

  const readBody = async (response: Response, offset: number): Promise<Attempt> => {
    if (!response.body) {
      append(new Uint8Array(await response.arrayBuffer()));
    } else {
      const reader = chunkReader(response.body);
      try {
        for (;;) {
          const chunk = await reader.read();
          if (!chunk) break;
          append(chunk);
          if (performance.now() - lastReport > 100) report(false);
        }
      } catch (error) {
        if (error instanceof ClipError) {
          await reader.cancel().catch(() => undefined); // over a limit: stop the transfer now
          throw error;
        }
        if (signal?.aborted) throw downloadCancelled(file);
        const message = `Download of ${file} was interrupted after ${sink.loaded} bytes`;
        return { failed: new ClipError({ kind: 'network', message, file }, { cause: error }), retry: { reason: 'connection-lost', retryAfterMs: null } };
      }
    }
    if (total !== null && sink.loaded < total) {
      // The body ended early without an error (some proxies do): as good as a dropped connection.
      const message = `Download of ${file} is incomplete: ${sink.loaded} of ${total} bytes (from byte ${offset})`;
      return { failed: new ClipError({ kind: 'network', message, file }), retry: { reason: 'connection-lost', retryAfterMs: null } };
    }
    return { done: { bytes: sink.bytes(), sha256: hash.hex(), validator: validator ?? { etag: null, lastModified: null } } };
  };

  const append = (chunk: Uint8Array) => {
    sink.append(chunk);
    hash.update(chunk);
  };

  report(false);
  let attempts = 0;
  let waitedMs = 0;
  for (;;) {
    attempts++;
    if (!canContinue()) startOver();
    const result = await attempt(sink.loaded);
    if ('done' in result) {
      if (result.done !== 'not-modified') report(true);
      return result.done;
    }
    if ('refetch' in result) {
      startOver();
      validator = null;
      continue;
    }
    const { failed, retry } = result;
    const maxAttempts = reached ? policy.maxAttempts : isOffline() ? 1 : policy.maxAttemptsUnreached;
    const plan = retry && planRetry(retry, attempts, waitedMs, { ...policy, maxAttempts }, random());
    if (!retry || !plan) throw attempts > 1 || retry?.retryAfterMs ? givenUp(failed, attempts, retry, policy, waitedMs) : failed;
    const resumeAt = canContinue() ? sink.loaded : 0;
    report(false, { reason: retry.reason, until: Date.now() + plan.delayMs, resumeAt, attempt: attempts + 1, maxAttempts, ...(failed.status ? { status: failed.status } : {}) });
    await wait(plan.delayMs, signal, file);
    waitedMs += plan.delayMs;
  }
}

/** The browser knows it has no network at all: waiting for it would only delay the error. */
function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** The whole file's size, where the response says it honestly (not for compressed bodies). */
function announcedTotal(response: Response): number | null {
  if (response.status === 206) {
    const total = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '')?.[1];
    return total === undefined ? null : Number(total);
  }
  // A compressed response's length counts compressed bytes: only trust it for identity encoding.
  const length = response.headers.get('content-length');
  return length !== null && !isEncoded(response) && /^\d+$/.test(length.trim()) ? Number(length) : null;
}

function isEncoded(response: Response): boolean {
  return (response.headers.get('content-encoding') ?? 'identity').trim().toLowerCase() !== 'identity';
}

async function httpFailure(response: Response, url: string, file: string): Promise<Attempt> {
  await response.body?.cancel().catch(() => undefined);
  const message = `Could not download ${file}: HTTP ${response.status} ${response.statusText}`.trim() + ` (${url})`;
  const failed = new ClipError({ kind: 'http', message, file, status: response.status });
  const reason = retryReasonForStatus(response.status);
  return { failed, retry: reason && { reason, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()) } };
}

/** The last failure, saying how long the download kept trying (same kind, status and file). */
function givenUp(failed: ClipError, attempts: number, retry: AttemptFailure | null, policy: RetryPolicy, waitedMs: number): ClipError {
  const tried = attempts > 1 ? `; tried ${attempts} times` : '';
  const tooLong = retry?.retryAfterMs && (attempts >= policy.maxAttempts || waitedMs + retry.retryAfterMs > policy.maxTotalWaitMs);
  const asked = tooLong ? `; the server asks to wait ${Math.ceil((retry.retryAfterMs ?? 0) / 1000)} s more: try again later` : '';
  return new ClipError({ ...failed.toData(), message: `${failed.message}${tried}${asked}` }, { cause: failed });
}

/** Waits before the next attempt; Cancel ends the wait at once. */
function wait(ms: number, signal: AbortSignal | undefined, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(downloadCancelled(file));
    const onAbort = () => {
      clearTimeout(timer);
      reject(downloadCancelled(file));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
