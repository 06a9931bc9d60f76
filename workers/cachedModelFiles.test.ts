/// <reference types="node" />
/**
 * What the model cache keeps: the bundled model (pinned) and an unpinned copy of it, loaded with
 * onnxruntime-node from a local HTTP server that misbehaves on request, into an in-memory Cache API.
 * Pinned files are kept once verified; unpinned ones only once the load succeeded with them; a
 * failed load keeps nothing new; a full quota does not fail the load; `main` is revalidated.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUNDLED_MODEL_ID, MODEL_CACHE, type ModelSource } from '../src/clip/modelSource';
import type { FileProgress } from './api';
import { cachedModelFiles } from './cachedModelFiles';
import { ClipError } from './errors';
import { loadClipModel } from './model/loadModel';
import { CACHE_HEADERS } from './modelCache';
import { startFaultyServer, type FaultyServer } from './testing/faultyServer';
import { MemoryCacheStorage } from './testing/memoryCaches';
import { BUNDLED_MODEL_DIR, generationCounter, noGpuCapabilities, nodeRuntime } from './testing/nodeModel';

const VISION = 'onnx/vision_model_quantized.onnx';
const TEXT = 'onnx/text_model_quantized.onnx';
const USED = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', VISION, TEXT];

let server: FaultyServer;
let storage: MemoryCacheStorage;
let scratch = '';

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'clip-cache-'));
  writeFileSync(join(scratch, 'broken.json'), '{"model": ');
  server = await startFaultyServer({
    root: BUNDLED_MODEL_DIR,
    aliases: { '/models/clip-shapes-tiny/': '/', '/models/copy/shapes/': '/', '/models/pinned-commit/shapes/': '/' },
  });
});

afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

beforeEach(() => {
  server.clearFaults();
  server.requests.length = 0;
  storage = new MemoryCacheStorage();
  vi.stubGlobal('caches', storage);
});

afterEach(() => vi.unstubAllGlobals());

const bundled = (): ModelSource => ({ id: BUNDLED_MODEL_ID, host: `${server.url}/models`, revision: 'main' });
/** The same files under a name the catalog does not know: nothing is pinned. */
const unpinned = (): ModelSource => ({ id: 'copy/shapes', host: `${server.url}/models`, revision: 'main' });

async function load(source: ModelSource, progress: FileProgress[] = []) {
  const nextGeneration = generationCounter();
  const model = await loadClipModel(
    { source, backend: 'wasm', threads: 1 },
    {
      runtime: nodeRuntime,
      files: cachedModelFiles(source),
      capabilities: noGpuCapabilities,
      generation: nextGeneration(),
      nextGeneration,
      onBackendChanged: () => undefined,
      read: { onProgress: (p) => progress.push(p) },
    },
  );
  await model.dispose();
  return model.info;
}

/** Loads like `load`, returning the bytes each read gave (to see which were freed). */
async function loadReading(source: ModelSource): Promise<Map<string, Uint8Array>> {
  const files = cachedModelFiles(source);
  const read = new Map<string, Uint8Array>();
  const nextGeneration = generationCounter();
  const model = await loadClipModel(
    { source, backend: 'wasm', threads: 1 },
    {
      runtime: nodeRuntime,
      files: { ...files, read: (file, options) => files.read(file, options).then((bytes) => (read.set(file, bytes), bytes)) },
      capabilities: noGpuCapabilities,
      generation: nextGeneration(),
      nextGeneration,
      onBackendChanged: () => undefined,
    },
  );
  await model.dispose();
  return read;
}

async function loadFailure(source: ModelSource): Promise<ClipError> {
  const error = await load(source).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ClipError);
  return error as ClipError;
}

/** The cached files of a model, by file name, with what was stored with them. */
async function cached(source: ModelSource): Promise<Record<string, Record<string, string>>> {
  const cache = await storage.open(MODEL_CACHE);
  const out: Record<string, Record<string, string>> = {};
  for (const [url, entry] of cache.entries) {
    const prefix = `${source.host}/${source.id}/`;
    if (url.startsWith(prefix)) out[url.slice(prefix.length)] = Object.fromEntries(entry.headers);
  }
  return out;
}

const modelRequests = (file: string) => server.requests.filter((r) => r.path.endsWith(`/${file}`));

describe('the model cache', () => {
  it('keeps the files of a pinned model with their revision and verified hash', async () => {
    await load(bundled());
    const files = await cached(bundled());
    expect(Object.keys(files).sort()).toEqual([...USED].sort());
    expect(files[VISION]).toMatchObject({
      [CACHE_HEADERS.model.toLowerCase()]: BUNDLED_MODEL_ID,
      [CACHE_HEADERS.revision.toLowerCase()]: 'main',
      [CACHE_HEADERS.sha256.toLowerCase()]: '9b39bbfef5d4b3b12a4504b2aba33ab80dad289ada9d5cb759c4828eb6ba4cc3',
      'content-length': '801583',
    });
    expect(files[VISION]?.etag).toMatch(/^"/);

    // A second load reads them all from the cache.
    server.requests.length = 0;
    const progress: FileProgress[] = [];
    await load(bundled(), progress);
    expect(server.requests).toEqual([]);
    expect(progress.filter((p) => p.fromCache).map((p) => p.file).sort()).toEqual([...USED].sort());
  });

  it('keeps an unpinned model once it loaded, with the SHA-256 computed while it streamed', async () => {
    await load(unpinned());
    const files = await cached(unpinned());
    expect(Object.keys(files).sort()).toEqual([...USED].sort());
    expect(files[VISION]?.[CACHE_HEADERS.sha256.toLowerCase()]).toBe('9b39bbfef5d4b3b12a4504b2aba33ab80dad289ada9d5cb759c4828eb6ba4cc3');
  });

  for (const file of [VISION, TEXT, 'tokenizer.json']) {
    it(`keeps nothing of an unpinned model whose ${file} arrived truncated (no length, clean end); a retry downloads it again`, async () => {
      server.fault(`/models/copy/shapes/${file}`, { truncate: 20_000 });
      const error = await loadFailure(unpinned());
      expect(error).toMatchObject({ kind: 'invalid-model', file });
      expect(await cached(unpinned())).toEqual({});

      await load(unpinned()); // the server is fixed
      expect(modelRequests(file)).toHaveLength(2);
      expect(Object.keys(await cached(unpinned())).sort()).toEqual([...USED].sort());
    });
  }

  it('keeps the verified files of a pinned model whose load failed, never the bad one, and never asks for the text tower', async () => {
    server.fault(`/models/clip-shapes-tiny/${VISION}`, { status: 404 });
    expect(await loadFailure(bundled())).toMatchObject({ kind: 'http', status: 404, file: VISION });
    const files = Object.keys(await cached(bundled()));
    expect(files).toEqual(expect.arrayContaining(['config.json', 'preprocessor_config.json', 'tokenizer.json']));
    expect(files).not.toContain(VISION);
    // The text tower is read only once the image session is made: a failed image tower costs no text download.
    expect(modelRequests(TEXT)).toEqual([]);
    expect(Object.keys(await cached(bundled()))).not.toContain(TEXT);
  });

  it('still loads when the browser refuses to store (quota), keeping what fits', async () => {
    storage = new MemoryCacheStorage(200_000);
    vi.stubGlobal('caches', storage);
    const progress: FileProgress[] = [];
    const info = await load(bundled(), progress);
    expect(info.embeddingDim).toBe(64);
    const files = Object.keys(await cached(bundled()));
    expect(files).toContain('config.json');
    expect(files).not.toContain(VISION);
    // The page is told, file by file, before the load returns.
    const outcomes = Object.fromEntries(progress.filter((p) => p.storage).map((p) => [p.file, p.storage]));
    expect(outcomes).toMatchObject({ 'config.json': 'stored', [VISION]: 'quota-exceeded' });
    expect(Object.keys(outcomes).sort()).toEqual([...USED].sort());
  });

  describe('frees the towers\' bytes once their sessions are made and the cache has them', () => {
    // Node 20 has no ArrayBuffer.prototype.transfer (releaseBuffer's way to free now): this one
    // detaches the buffer as transfer(0) does, so a cache written from freed bytes would hold nothing.
    beforeEach(() => {
      Object.defineProperty(ArrayBuffer.prototype, 'transfer', {
        configurable: true,
        value(this: ArrayBuffer, length: number) {
          structuredClone(this, { transfer: [this] });
          return new ArrayBuffer(length);
        },
      });
    });
    afterEach(() => {
      delete (ArrayBuffer.prototype as { transfer?: unknown }).transfer;
    });

    for (const [name, source] of [
      ['pinned', bundled],
      ['unpinned', unpinned],
    ] as const) {
      it(`${name}: the towers are freed after the load, and kept whole`, async () => {
        const read = await loadReading(source());
        for (const tower of [VISION, TEXT]) {
          expect(read.get(tower)?.byteLength, `${tower} freed`).toBe(0);
          const entry = (await storage.open(MODEL_CACHE)).entries.get(`${source().host}/${source().id}/${tower}`);
          expect(entry?.body, `${tower} kept whole`).toEqual(new Uint8Array(readFileSync(join(BUNDLED_MODEL_DIR, tower))));
        }
        server.requests.length = 0;
        await load(source()); // from the cache (an unpinned `main` file is only revalidated: 304)
        expect(server.requests.filter((r) => r.status !== 304)).toEqual([]);
      });
    }

    it('unpinned: a tower held back until the load ends is freed as soon as its reader is done, and kept whole', async () => {
      const files = cachedModelFiles(unpinned());
      const bytes = await files.read(VISION);
      expect(files.awaitsProof?.(VISION)).toBe(true);
      files.release?.(bytes); // its session is made; the other tower is still to come
      expect(bytes.byteLength, 'freed before the load was accepted').toBe(0);
      expect((await storage.open(MODEL_CACHE)).entries.size, 'nothing kept before the load succeeds').toBe(0);
      await files.keep?.([VISION]);
      const entry = (await storage.open(MODEL_CACHE)).entries.get(`${unpinned().host}/${unpinned().id}/${VISION}`);
      expect(entry?.body).toEqual(new Uint8Array(readFileSync(join(BUNDLED_MODEL_DIR, VISION))));
    });

    it('unpinned: a failed load keeps nothing of a tower already freed', async () => {
      const files = cachedModelFiles(unpinned());
      files.release?.(await files.read(VISION));
      await files.discard?.(new ClipError({ kind: 'invalid-model', message: 'text tower broken', file: TEXT }));
      expect((await storage.open(MODEL_CACHE)).entries.size).toBe(0);
    });
  });

  it('revalidates an unpinned `main` file with its ETag: 304 uses the cached copy', async () => {
    await load(unpinned());
    server.requests.length = 0;
    const progress: FileProgress[] = [];
    await load(unpinned(), progress);
    expect(server.requests.map((r) => r.status)).toEqual(USED.map(() => 304));
    expect(server.requests.every((r) => r.ifNoneMatch?.startsWith('"'))).toBe(true);
    expect(progress.filter((p) => p.fromCache)).toHaveLength(USED.length);
  });

  it('uses the cached copy when revalidation cannot reach the server', async () => {
    await load(unpinned());
    for (const file of USED) server.fault(`/models/copy/shapes/${file}`, { status: 503 });
    await load(unpinned());
    expect(server.requests.slice(-USED.length).map((r) => r.status)).toEqual(USED.map(() => 503));

    const offline: ModelSource = { ...unpinned() };
    await server.close();
    try {
      await load(offline);
    } finally {
      server = await restartServer();
    }
  });

  it('does not revalidate what a commit id names', async () => {
    const atCommit: ModelSource = { id: 'pinned-commit/shapes', host: `${server.url}/models`, revision: 'a'.repeat(40) };
    await load(atCommit);
    server.requests.length = 0;
    await load(atCommit);
    expect(server.requests).toEqual([]);
  });

  it('drops a kept copy that no longer loads, and an unverified one an older version stored', async () => {
    await load(unpinned());
    const cache = await storage.open(MODEL_CACHE);
    const tokenizerUrl = `${unpinned().host}/copy/shapes/tokenizer.json`;
    const configUrl = `${unpinned().host}/copy/shapes/config.json`;
    const stored = cache.entries.get(tokenizerUrl)!;
    const broken = new TextEncoder().encode('{"model": '); // stored whole (its own length), yet no tokenizer
    cache.entries.set(tokenizerUrl, { body: broken, headers: stored.headers.map(([name, value]) => [name, name === 'content-length' ? String(broken.length) : value]) });
    const legacy = cache.entries.get(configUrl)!;
    cache.entries.set(configUrl, { ...legacy, headers: legacy.headers.filter(([name]) => name !== CACHE_HEADERS.sha256.toLowerCase()) });

    server.requests.length = 0;
    expect(await loadFailure(unpinned())).toMatchObject({ kind: 'invalid-model', file: 'tokenizer.json' });
    expect(cache.entries.has(tokenizerUrl)).toBe(false);
    // Downloaded anew, not revalidated (it may still be on its way when the load fails).
    await expect.poll(() => modelRequests('config.json')[0]).toMatchObject({ ifNoneMatch: null, status: 200 });

    await load(unpinned());
    expect(Object.keys(await cached(unpinned())).sort()).toEqual([...USED].sort());
  });

  it('reads a cached copy whose body is not its stored length as absent: downloaded again', async () => {
    await load(unpinned());
    const cache = await storage.open(MODEL_CACHE);
    const url = `${unpinned().host}/copy/shapes/${VISION}`;
    const entry = cache.entries.get(url)!;
    cache.entries.set(url, { ...entry, body: entry.body.slice(0, 1000) });
    server.requests.length = 0;
    await load(unpinned());
    expect(modelRequests(VISION).map((r) => r.status)).toEqual([200]);
    expect(cache.entries.get(url)?.body.byteLength).toBe(entry.body.byteLength);
  });

  it('downloads a pinned file again when its cached copy is corrupt', async () => {
    await load(bundled());
    const cache = await storage.open(MODEL_CACHE);
    const url = `${bundled().host}/${BUNDLED_MODEL_ID}/${VISION}`;
    const entry = cache.entries.get(url)!;
    const corrupt = entry.body.slice();
    corrupt[1000]! ^= 0xff;
    cache.entries.set(url, { ...entry, body: corrupt });
    server.requests.length = 0;
    await load(bundled());
    expect(server.requests.map((r) => r.path)).toEqual([`/models/clip-shapes-tiny/${VISION}`]);
    expect(cache.entries.get(url)!.body[1000]).toBe(entry.body[1000]);
  });
});

/** A new server after one was closed (its port is gone: hosts in sources follow `server.url`). */
function restartServer(): Promise<FaultyServer> {
  return startFaultyServer({
    root: BUNDLED_MODEL_DIR,
    aliases: { '/models/clip-shapes-tiny/': '/', '/models/copy/shapes/': '/', '/models/pinned-commit/shapes/': '/' },
  });
}
