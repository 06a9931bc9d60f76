/**
 * Normalised text embeddings by text, so editing one label re-encodes only that label. Least
 * recently used first out: a read moves a text to the back, so labels in use survive a big preset
 * passing through. Callers must not count on an entry staying (see TextEmbedder).
 */
export interface CachedText {
  embedding: Float32Array;
  truncated: boolean;
}

export class TextEmbeddingCache {
  // A Map iterates in insertion order: re-inserting on every use keeps it in recency order.
  private readonly entries = new Map<string, CachedText>();

  constructor(private readonly limit = 20_000) {}

  get(text: string): CachedText | undefined {
    const entry = this.entries.get(text);
    if (entry) {
      this.entries.delete(text);
      this.entries.set(text, entry);
    }
    return entry;
  }

  set(text: string, embedding: Float32Array, truncated: boolean): void {
    this.entries.delete(text);
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(text, { embedding, truncated });
  }

  clear(): void {
    this.entries.clear();
  }
}
