/** Normalised text embeddings by text: editing one label re-encodes only that label. */
export class TextEmbeddingCache {
  private readonly entries = new Map<string, { embedding: Float32Array; truncated: boolean }>();

  constructor(private readonly limit = 20_000) {}

  get(text: string) {
    return this.entries.get(text);
  }

  set(text: string, embedding: Float32Array, truncated: boolean): void {
    if (this.entries.size >= this.limit) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(text, { embedding, truncated });
  }

  clear(): void {
    this.entries.clear();
  }
}
