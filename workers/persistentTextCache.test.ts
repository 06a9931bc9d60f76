/**
 * The IndexedDB text-embedding cache with a real IndexedDB implementation (fake-indexeddb, in
 * memory): it stores and finds, and when IndexedDB refuses, fails or is upgraded by another tab,
 * it degrades to "nothing stored" and label encoding (so ranking) goes on.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClipModel } from './model/clipModel';
import { openTextDatabase, PersistentTextCache } from './persistentTextCache';
import { loadBundledModel } from './testing/nodeModel';

const entry = (value: number) => ({ embedding: new Float32Array([value, value]), truncated: false });

let factory: IDBFactory;
beforeEach(() => {
  factory = new IDBFactory(); // a fresh, empty IndexedDB for each test
  vi.stubGlobal('indexedDB', factory);
});
afterEach(() => vi.unstubAllGlobals());

/** Opens the app's database from "another tab" at a version, and keeps that connection. */
function openElsewhere(version: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open('clip-text-embeddings', version);
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
    request.onblocked = () => reject(new Error('blocked'));
  });
}

describe('PersistentTextCache', () => {
  it('stores embeddings per namespace and finds them again', async () => {
    const cache = new PersistentTextCache('model-a|wasm|q8');
    await cache.putMany([{ text: 'red', value: entry(1) }]);
    expect(await cache.getMany(['red', 'blue'])).toEqual([entry(1), undefined]);
    expect(await new PersistentTextCache('model-b|wasm|q8').getMany(['red'])).toEqual([undefined]);
  });

  it('carries on without storage when indexedDB.open throws ("The operation is insecure")', async () => {
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const cache = new PersistentTextCache('m');
    await expect(cache.putMany([{ text: 'red', value: entry(1) }])).resolves.toBeUndefined();
    await expect(cache.getMany(['red'])).resolves.toEqual([undefined]);
  });

  it('carries on without storage when the open request fails', async () => {
    await openElsewhere(5).then((db) => db.close()); // a newer version exists: opening version 1 fails
    const cache = new PersistentTextCache('m');
    await cache.putMany([{ text: 'red', value: entry(1) }]);
    expect(await cache.getMany(['red'])).toEqual([undefined]);
  });

  it('closes for a newer version in another tab instead of blocking its upgrade, then goes on without it', async () => {
    const cache = new PersistentTextCache('m');
    await cache.putMany([{ text: 'red', value: entry(1) }]);
    const newer = await openElsewhere(2); // rejects with "blocked" if our connection stayed open
    expect(newer.version).toBe(2);
    expect(await cache.getMany(['red'])).toEqual([undefined]); // version 1 cannot open any more
    newer.close();
  });

  it('goes on without storage when an older tab blocks its upgrade, and lets go once it opens', async () => {
    const older = await openElsewhere(1, (db) => db.createObjectStore('embeddings'));
    older.onversionchange = null; // an old tab that does not step aside
    expect(await openTextDatabase(factory, 2)).toBeNull(); // blocked: not waited for
    older.close(); // the blocked open now completes, and is closed again at once
    await new Promise((r) => setTimeout(r, 20));
    const newest = await openElsewhere(3); // would be blocked by a connection left open
    expect(newest.version).toBe(3);
    newest.close();
  });

  it('guards the upgrade: a database of another shape (no store) only means nothing is stored', async () => {
    await openElsewhere(1).then((db) => db.close()); // version 1, without the store
    const cache = new PersistentTextCache('m');
    await cache.putMany([{ text: 'red', value: entry(1) }]);
    expect(await cache.getMany(['red'])).toEqual([undefined]);
  });
});

describe('ranking with IndexedDB refusing to open', () => {
  let model: ClipModel;
  beforeAll(async () => {
    model = await loadBundledModel();
  });
  afterAll(() => model.dispose());

  it('still encodes labels, so images are still ranked', async () => {
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const result = await model.encodeTexts(['a photo of a red circle.', 'a photo of a blue square.']);
    expect(result).toMatchObject({ encodedCount: 2, storedCount: 0 });
    expect(Math.hypot(...result.embeddings.subarray(0, 64))).toBeCloseTo(1, 5);
  });
});
