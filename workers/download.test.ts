/// <reference types="node" />
/**
 * Model downloads against a real local HTTP server that misbehaves on request: resumed after a
 * dropped connection, retried after 429 and 5xx, limits enforced as bytes arrive, typed errors
 * (`kind`, `status`, `file`) worded for people.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { catalogEntry } from '../src/clip/catalog';
import { BUNDLED_MODEL_ID } from '../src/clip/modelSource';
import type { FileProgress } from './api';
import { downloadFile, revalidateFile, type DownloadOptions } from './download';
import { ClipError } from './errors';
import type { RetryPolicy } from './retryPolicy';
import { startFaultyServer, type FaultyServer } from './testing/faultyServer';
import { BUNDLED_MODEL_DIR } from './testing/nodeModel';

const VISION = 'onnx/vision_model_quantized.onnx';
const PIN = catalogEntry(BUNDLED_MODEL_ID)!.integrity![VISION]!;
/** Quick retries: the plan's arithmetic is tested in retryPolicy.test.ts. */
const FAST: RetryPolicy = { maxAttempts: 4, maxAttemptsUnreached: 2, maxTotalWaitMs: 5_000, baseDelayMs: 20, maxDelayMs: 100 };

let root = '';
let server: FaultyServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'clip-download-'));
  cpSync(BUNDLED_MODEL_DIR, join(root, 'model'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'big.json'), Buffer.alloc(2 * 1024 * 1024, 0x20));
  writeFileSync(join(root, 'huge-config.json'), '');
  truncateSync(join(root, 'huge-config.json'), 300 * 1024 * 1024); // sparse: 300 MB announced, none on disk
  server = await startFaultyServer({ root, aliases: { '/index-fallback/': '/' } });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  server.clearFaults();
  server.requests.length = 0;
});

const url = (path: string) => `${server.url}${path}`;
const original = (file: string) => readFileSync(join(BUNDLED_MODEL_DIR, file));

async function failure(promise: Promise<unknown>): Promise<ClipError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ClipError);
  return error as ClipError;
}

function download(path: string, file: string, options: DownloadOptions = {}) {
  const progress: FileProgress[] = [];
  const result = downloadFile(url(path), file, { retry: FAST, random: () => 0.5, onProgress: (p) => progress.push(p), ...options });
  return { result, progress };
}

describe('downloadFile', () => {
  it('downloads a file, hashing it as it arrives, with progress that ends done', async () => {
    const { result, progress } = download(`/model/${VISION}`, VISION);
    const { bytes, sha256, validator } = await result;
    expect(Buffer.from(bytes).equals(original(VISION))).toBe(true);
    expect(sha256).toBe(PIN.sha256);
    expect(validator.etag).toMatch(/^"/);
    expect(progress.at(-1)).toEqual({ file: VISION, loaded: PIN.size, total: PIN.size, done: true });
  });

  it('reports an HTTP error with its status and the file, without retrying it', async () => {
    const missing = url('/model/missing.json');
    const error = await failure(download('/model/missing.json', 'missing.json').result);
    expect(error.toData()).toEqual({ kind: 'http', status: 404, file: 'missing.json', message: `Could not download missing.json: HTTP 404 Not Found (${missing})` });
    expect(server.requests).toHaveLength(1);
  });

  it("treats a dev server's index.html fallback as the 404 it stands for", async () => {
    const error = await failure(download('/index-fallback/', 'tokenizer_config.json').result);
    expect(error).toMatchObject({ kind: 'http', status: 404, file: 'tokenizer_config.json' });
    expect(error.message).toContain('the server sent a web page instead');
  });

  it('reports an unreachable server as a network error once its retries are spent', async () => {
    const closed = await startFaultyServer({ root });
    const gone = `${closed.url}/config.json`;
    await closed.close();
    const error = await failure(downloadFile(gone, 'config.json', { retry: FAST })); // fewer attempts than for a drop
    expect(error.toData()).toEqual({ kind: 'network', file: 'config.json', message: `Could not download config.json: network error (${gone} unreachable); tried 2 times` });
  });

  it('does not wait for a network the browser knows is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    try {
      const closed = await startFaultyServer({ root });
      const gone = `${closed.url}/config.json`;
      await closed.close();
      const error = await failure(downloadFile(gone, 'config.json', { retry: { ...FAST, baseDelayMs: 10_000 } }));
      expect(error.message).toBe(`Could not download config.json: network error (${gone} unreachable)`);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('resumes a dropped download with Range and If-Range, and hashes the whole file', async () => {
    server.fault(`/model/${VISION}`, { drop: 300_000 });
    const { result, progress } = download(`/model/${VISION}`, VISION);
    const { bytes, sha256 } = await result;
    expect(Buffer.from(bytes).equals(original(VISION))).toBe(true);
    expect(sha256).toBe(PIN.sha256);
    const [first, second] = server.requests;
    expect(server.requests).toHaveLength(2);
    expect(first).toMatchObject({ range: null, status: 0 });
    expect(second).toMatchObject({ range: 'bytes=300000-', status: 206 });
    expect(second?.ifRange).toMatch(/^"/);
    const waiting = progress.find((p) => p.retry);
    expect(waiting?.retry).toMatchObject({ reason: 'connection-lost', resumeAt: 300_000, attempt: 2, maxAttempts: FAST.maxAttempts });
    expect(progress.at(-1)).toMatchObject({ done: true, loaded: PIN.size, resumedFrom: 300_000 });
    expect(progress.at(-1)?.retry).toBeUndefined();
  });

  it('does not resume a body the server compressed on the fly (its offsets are not the file\'s)', async () => {
    server.fault('/model/tokenizer.json', { drop: 5_000, gzip: true });
    const { bytes } = await download('/model/tokenizer.json', 'tokenizer.json').result;
    expect(Buffer.from(bytes).equals(original('tokenizer.json'))).toBe(true);
    expect(server.requests.map((r) => [r.range, r.status])).toEqual([[null, 0], [null, 200]]);
  });

  it('starts over when the server answers the resume with the whole file', async () => {
    server.fault(`/model/${VISION}`, { drop: 200_000 });
    server.fault(`/model/${VISION}`, { ignoreRange: true });
    const { bytes, sha256 } = await download(`/model/${VISION}`, VISION).result;
    expect(server.requests.map((r) => [r.range, r.status])).toEqual([[null, 0], ['bytes=200000-', 200]]);
    expect(bytes.byteLength).toBe(PIN.size);
    expect(sha256).toBe(PIN.sha256);
  });

  it('never splices two versions: a file changed between attempts is downloaded whole', async () => {
    const dir = join(root, 'changing');
    cpSync(join(BUNDLED_MODEL_DIR, 'tokenizer.json'), join(dir, 'tokenizer.json'), { recursive: true });
    server.fault('/changing/tokenizer.json', { drop: 50_000 });
    const { result, progress } = download('/changing/tokenizer.json', 'tokenizer.json');
    // The drop is seen, then the file is replaced before the resume goes out.
    const changed = Buffer.from(original('tokenizer.json').toString('utf8').replace('"model"', '"model" '));
    const waitForRetry = async () => {
      while (!progress.some((p) => p.retry)) await new Promise((r) => setTimeout(r, 1));
      writeFileSync(join(dir, 'tokenizer.json'), changed);
      utimesSync(join(dir, 'tokenizer.json'), new Date(), new Date(Date.now() + 5000));
    };
    const [{ bytes }] = await Promise.all([result, waitForRetry()]);
    expect(server.requests[1]).toMatchObject({ range: 'bytes=50000-', status: 200 }); // If-Range did not match
    expect(Buffer.from(bytes).equals(changed)).toBe(true);
  });

  it('waits as a busy server asks (429 + Retry-After), saying so, then downloads', async () => {
    server.fault('/model/config.json', { status: 429, headers: { 'Retry-After': '1' } });
    const started = Date.now();
    const { result, progress } = download('/model/config.json', 'config.json', { random: () => 0 });
    const { bytes } = await result;
    expect(Buffer.from(bytes).equals(original('config.json'))).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const waiting = progress.find((p) => p.retry)?.retry;
    expect(waiting).toMatchObject({ reason: 'busy', status: 429, resumeAt: 0, attempt: 2 });
    expect(waiting!.until - started).toBeGreaterThanOrEqual(1000);
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('tries a failing server again with backoff, then gives up saying how often it tried', async () => {
    server.fault('/model/config.json', { status: 503 });
    server.fault('/model/config.json', { status: 502 });
    expect((await download('/model/config.json', 'config.json').result).bytes.byteLength).toBe(original('config.json').length);
    expect(server.requests.map((r) => r.status)).toEqual([503, 502, 200]);

    server.fault('/model/config.json', { status: 500 }, Infinity);
    const error = await failure(download('/model/config.json', 'config.json').result);
    expect(error).toMatchObject({ kind: 'http', status: 500, file: 'config.json' });
    expect(error.message).toMatch(/HTTP 500 Internal Server Error \(.*\); tried 4 times$/);
  });

  it('does not wait out a Retry-After longer than its budget, and says so', async () => {
    server.fault('/model/config.json', { status: 429, headers: { 'Retry-After': '3600' } });
    const error = await failure(download('/model/config.json', 'config.json').result);
    expect(error).toMatchObject({ kind: 'http', status: 429 });
    expect(error.message).toContain('the server asks to wait 3600 s more: try again later');
    expect(server.requests).toHaveLength(1);
  });

  it('is cancelled at once while it waits', async () => {
    server.fault('/model/config.json', { status: 503, headers: { 'Retry-After': '30' } });
    const controller = new AbortController();
    const { result, progress } = download('/model/config.json', 'config.json', { signal: controller.signal, retry: { ...FAST, maxTotalWaitMs: 60_000 } });
    while (!progress.some((p) => p.retry)) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    controller.abort();
    expect(await failure(result)).toMatchObject({ kind: 'cancelled', file: 'config.json' });
    expect(Date.now() - started).toBeLessThan(5_000); // not the 30 s the server asked to wait
  });

  it('fails with cancelled when the signal aborts before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(download(`/model/${VISION}`, VISION, { signal: controller.signal }).result);
    expect(error).toMatchObject({ kind: 'cancelled', file: VISION });
  });

  it('refuses a JSON file the server announces at 300 MB before reading it', async () => {
    const error = await failure(download('/huge-config.json', 'config.json').result);
    expect(error.toData()).toEqual({
      kind: 'limit',
      file: 'config.json',
      message: 'config.json is larger than the 1 MB allowed for a JSON file (the server announced 300 MB): download stopped',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('stops a file without a length as soon as it passes its limit', async () => {
    server.fault('/big.json', { truncate: 2 * 1024 * 1024 }); // chunked, no Content-Length
    const progress: FileProgress[] = [];
    const error = await failure(downloadFile(url('/big.json'), 'config.json', { onProgress: (p) => progress.push(p) }));
    expect(error).toMatchObject({ kind: 'limit', file: 'config.json' });
    expect(Math.max(...progress.map((p) => p.loaded))).toBeLessThanOrEqual(1024 * 1024);
  });

  it('fails a file of the wrong pinned size as soon as the server announces it', async () => {
    const error = await failure(download('/model/config.json', 'config.json', { expectedSize: 999 }).result);
    expect(error).toMatchObject({ kind: 'integrity', file: 'config.json' });
    expect(error.message).toContain('has the wrong size');
  });

  it('cannot tell a clean truncated body without a length from a whole one, unless the file is pinned', async () => {
    server.fault(`/model/${VISION}`, { truncate: 100_000 });
    const short = await download(`/model/${VISION}`, VISION).result;
    expect(short.bytes.byteLength).toBe(100_000); // why unpinned files are kept only once the model loaded

    server.fault(`/model/${VISION}`, { truncate: 100_000 });
    const pinned = await download(`/model/${VISION}`, VISION, { expectedSize: PIN.size }).result;
    expect(pinned.sha256).toBe(PIN.sha256); // the rest was asked for with Range
    expect(server.requests.at(-1)).toMatchObject({ range: 'bytes=100000-', status: 206 });
  });
});

describe('revalidateFile', () => {
  it('asks with If-None-Match and hears "not modified" for the same version, the new bytes otherwise', async () => {
    const first = await download('/model/config.json', 'config.json').result;
    expect(await revalidateFile(url('/model/config.json'), 'config.json', first.validator.etag!)).toBe('not-modified');
    expect(server.requests.at(-1)).toMatchObject({ ifNoneMatch: first.validator.etag, status: 304 });
    const changed = await revalidateFile(url('/model/config.json'), 'config.json', '"an-older-version"');
    expect(changed).not.toBe('not-modified');
    expect(changed !== 'not-modified' && Buffer.from(changed.bytes).equals(original('config.json'))).toBe(true);
  });

  it('tries once only: the caller holds a copy to fall back on', async () => {
    server.fault('/model/config.json', { status: 503 }, Infinity);
    const error = await failure(revalidateFile(url('/model/config.json'), 'config.json', '"x"', { retry: FAST }));
    expect(error).toMatchObject({ kind: 'http', status: 503 });
    expect(server.requests).toHaveLength(1);
  });
});
