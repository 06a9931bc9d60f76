/**
 * Text embeddings through the bundled model's text tower with onnxruntime-node: order, duplicates,
 * truncation, the caches, progress and abort between batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersistentTextCache, type StoredEmbedding, type StoredTexts } from '../persistentTextCache';
import { bundledTextTower, loadBundledModel } from '../testing/nodeModel';
import { TextEmbeddingCache } from '../textCache';
import type { ClipModel } from './clipModel';
import { TEXT_BATCH, TextEmbedder } from './textEmbedder';

const LABELS: [string, string, string, string] = ['a photo of a red circle.', 'a photo of a blue square.', 'green', 'a photo of a green triangle.'];

let model: ClipModel;
beforeAll(async () => {
  model = await loadBundledModel({ precision: 'fp32' });
});
afterAll(() => model.dispose());

function row(embeddings: Float32Array, i: number, dim = 64): Float32Array {
  return embeddings.subarray(i * dim, (i + 1) * dim);
}

describe('encodeTexts', () => {
  it('returns unit rows in input order, duplicates included, and encodes each text once', async () => {
    const fresh = await loadBundledModel({ precision: 'fp32' });
    try {
      const texts = [LABELS[0], LABELS[1], LABELS[0]];
      const result = await fresh.encodeTexts(texts);
      expect(result).toMatchObject({ generation: fresh.generation, dim: 64, truncated: [false, false, false], encodedCount: 2, storedCount: 0 });
      expect(result.embeddings).toHaveLength(3 * 64);
      expect(row(result.embeddings, 2)).toEqual(row(result.embeddings, 0));
      const norm = Math.hypot(...row(result.embeddings, 1));
      expect(norm).toBeCloseTo(1, 5);
      const again = await fresh.encodeTexts(texts);
      expect(again.encodedCount).toBe(0); // from memory
      expect(again.embeddings).toEqual(result.embeddings);
    } finally {
      await fresh.dispose();
    }
  });

  it('gives a text the same embedding alone and in a padded batch with longer texts (fp32)', async () => {
    const fresh = await loadBundledModel({ precision: 'fp32' });
    try {
      const batched = await fresh.encodeTexts(LABELS);
      for (const [i, text] of LABELS.entries()) {
        const other = await loadBundledModel({ precision: 'fp32' });
        const alone = await other.encodeTexts([text]).finally(() => other.dispose());
        row(alone.embeddings, 0).forEach((v, k) => expect(row(batched.embeddings, i)[k]).toBeCloseTo(v, 5));
      }
    } finally {
      await fresh.dispose();
    }
  });

  it('marks texts longer than the context as truncated', async () => {
    const long = Array.from({ length: 80 }, () => 'red').join(' ');
    const result = await model.encodeTexts([long, 'red']);
    expect(result.truncated).toEqual([true, false]);
  });

  it('answers an empty list with no rows and the model dimension', async () => {
    const result = await model.encodeTexts([]);
    expect(result).toMatchObject({ dim: 64, truncated: [], encodedCount: 0 });
    expect(result.embeddings).toHaveLength(0);
  });

  it('reports progress in unique texts after each batch', async () => {
    const texts = Array.from({ length: TEXT_BATCH + 10 }, (_, i) => `label number ${i}`);
    const progress: [number, number][] = [];
    await model.encodeTexts([...texts, texts[0]!], { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [0, texts.length],
      [TEXT_BATCH, texts.length],
      [texts.length, texts.length],
    ]);
  });

  it('stops between batches when aborted, with cancelled', async () => {
    const controller = new AbortController();
    const texts = Array.from({ length: TEXT_BATCH * 3 }, (_, i) => `an aborted label ${i}`);
    const encoding = model.encodeTexts(texts, {
      signal: controller.signal,
      onProgress: (done) => done > 0 && controller.abort(),
    });
    await expect(encoding).rejects.toMatchObject({ kind: 'cancelled', message: 'Encoding cancelled' });
  });
});

describe('the persistent text cache without IndexedDB (Node)', () => {
  it('finds nothing and stores nothing, without failing', async () => {
    expect(typeof indexedDB).toBe('undefined');
    const cache = new PersistentTextCache('model|wasm|fp32');
    await cache.putMany([{ text: 'red', value: { embedding: new Float32Array(64), truncated: false } }]);
    expect(await cache.getMany(['red', 'blue'])).toEqual([undefined, undefined]);
    // So a fresh model encodes everything again and counts nothing as stored.
    const fresh = await loadBundledModel({ precision: 'fp32' });
    try {
      expect(await fresh.encodeTexts(['red', 'blue'])).toMatchObject({ encodedCount: 2, storedCount: 0 });
    } finally {
      await fresh.dispose();
    }
  });
});

/** A persistent store held in a Map: the text embedder's view of IndexedDB, which Node lacks. */
class MapStore implements StoredTexts {
  readonly entries = new Map<string, StoredEmbedding>();
  getMany(texts: string[]) {
    return Promise.resolve(texts.map((text) => this.entries.get(text)));
  }
  putMany(entries: { text: string; value: StoredEmbedding }[]) {
    for (const { text, value } of entries) this.entries.set(text, value);
    return Promise.resolve();
  }
}

describe('encodeTexts with a memory cache smaller than the call', () => {
  const texts = ['red', 'blue', 'green', 'circle', 'square', 'a photo of a red circle.'];

  it('returns every embedding of the call even when the cache cannot hold them all', async () => {
    const small = await loadBundledModel({ precision: 'fp32' }, { textCacheLimit: 2 });
    try {
      const result = await small.encodeTexts(texts);
      const reference = await model.encodeTexts(texts);
      expect(result.encodedCount).toBe(texts.length);
      expect(result.embeddings).toEqual(reference.embeddings);
    } finally {
      await small.dispose();
    }
  });

  it("survives entries read from the persistent cache evicting the call's own memory hits", async () => {
    const tower = await bundledTextTower('fp32');
    try {
      const stored = new MapStore();
      const embedder = new TextEmbedder({ tokenizer: tower.tokenizer, embed: tower.embed, memory: new TextEmbeddingCache(3), stored, embeddingDim: 64 });
      // 'red' is in memory; three other texts come from the persistent store during the next call.
      const first = await embedder.encode(['red', 'x', 'y', 'z']);
      const other = new TextEmbedder({ tokenizer: tower.tokenizer, embed: tower.embed, memory: new TextEmbeddingCache(3), stored, embeddingDim: 64 });
      await other.encode(['red']);
      const again = await other.encode(['red', 'x', 'y', 'z']);
      expect(again).toMatchObject({ encodedCount: 0, storedCount: 3 });
      expect(again.embeddings).toEqual(first.embeddings);
    } finally {
      await tower.release();
    }
  });
});
