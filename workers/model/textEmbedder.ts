/**
 * Text embeddings for one model on one backend: from the in-memory cache, else the persistent one
 * (IndexedDB), else the text tower. Texts to encode are batched by token length across the whole
 * call (see planTextBatches); between batches the worker's event loop gets a turn, so an abort
 * message and the IndexedDB writes are not held back until the end.
 */
import { planTextBatches } from '../../src/clip/textBatches';
import type { ClipTokenizer, EncodedBatch } from '../../src/clip/tokenizer';
import type { TextResult } from '../api';
import { cancelledError } from '../errors';
import type { StoredTexts } from '../persistentTextCache';
import type { CachedText, TextEmbeddingCache } from '../textCache';
import { yieldToEventLoop } from '../yieldToEventLoop';

/** Most texts per text run: bounds memory for long label sets. */
export const TEXT_BATCH = 64;

export interface TextEmbedderParts {
  tokenizer: ClipTokenizer;
  /** Runs one padded batch through the text tower: its L2-normalised rows. */
  embed: (batch: EncodedBatch) => Promise<Float32Array>;
  memory: TextEmbeddingCache;
  stored: StoredTexts;
  /** The result's `dim` when there are no texts. */
  embeddingDim: number;
  batchSize?: number;
}

export interface TextCallOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export type TextEmbeddings = Omit<TextResult, 'generation'>;

export class TextEmbedder {
  constructor(private readonly parts: TextEmbedderParts) {}

  /**
   * L2-normalised rows in input order. `onProgress` counts unique texts and hears after each
   * batch; an aborted `signal` stops between batches (finished batches stay cached).
   */
  async encode(texts: string[], { onProgress, signal }: TextCallOptions = {}): Promise<TextEmbeddings> {
    const { tokenizer, memory, stored: storedTexts, batchSize = TEXT_BATCH } = this.parts;
    // This call's embeddings are collected here: the caches may drop any entry at any time (a
    // call can hold more texts than the memory cache, and stored hits make room as they arrive).
    const found = new Map<string, CachedText>();
    const unique = [...new Set(texts)];
    for (const text of unique) {
      const hit = memory.get(text);
      if (hit) found.set(text, hit);
    }
    let missing = unique.filter((text) => !found.has(text));
    const stored = await storedTexts.getMany(missing);
    missing.forEach((text, i) => {
      const entry = stored[i]; // getMany answers one entry (or undefined) per key
      if (!entry) return;
      found.set(text, entry);
      memory.set(text, entry.embedding, entry.truncated);
    });
    const fromDisk = stored.filter(Boolean).length;
    missing = missing.filter((text) => !found.has(text));
    const encoded = missing.map((text) => tokenizer.encode(text));
    let done = unique.length - missing.length;
    onProgress?.(done, unique.length);
    const writes: Promise<void>[] = [];
    for (const rows of planTextBatches(encoded.map((e) => e.ids.length), batchSize)) {
      await yieldToEventLoop(); // an abort message and the IndexedDB writes get their turn
      if (signal?.aborted) throw cancelledError('Encoding cancelled');
      // `rows` indexes `encoded` (and `missing`, which it was made from); `truncated` has one entry per row.
      const batch = tokenizer.padBatch(rows.map((i) => encoded[i]!));
      const embeddings = await this.parts.embed(batch);
      const dim = embeddings.length / rows.length;
      const values = rows.map((i, row) => ({ text: missing[i]!, value: { embedding: embeddings.slice(row * dim, (row + 1) * dim), truncated: batch.truncated[row]! } }));
      for (const { text, value } of values) {
        found.set(text, value);
        memory.set(text, value.embedding, value.truncated);
      }
      writes.push(storedTexts.putMany(values));
      done += rows.length;
      onProgress?.(done, unique.length);
    }
    // Stored before answering: a reload right after the result must not encode them again.
    await Promise.all(writes);
    const [firstText] = texts;
    const dim = firstText !== undefined ? found.get(firstText)!.embedding.length : this.parts.embeddingDim;
    const out = new Float32Array(texts.length * dim);
    const truncated = texts.map((text, row) => {
      const entry = found.get(text)!; // every text of the call is in `found` by now
      out.set(entry.embedding, row * dim);
      return entry.truncated;
    });
    return { embeddings: out, dim, truncated, encodedCount: missing.length, storedCount: fromDisk };
  }
}
