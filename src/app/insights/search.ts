/** Text → image search: the gallery ranked by cosine similarity to one text embedding. Pure. */

export interface Ranked<T> {
  item: T;
  cosine: number;
}

/**
 * `items` ranked by the cosine similarity of their (L2-normalised) embedding with `query` (also
 * L2-normalised, so the cosine is the dot product), highest first; ties keep the items' order.
 * Items without an embedding of the query's length (not encoded yet, or by another model) are
 * left out.
 */
export function rankBySimilarity<T>(query: Float32Array, items: readonly T[], embeddingOf: (item: T) => Float32Array | undefined): Ranked<T>[] {
  const ranked: (Ranked<T> & { order: number })[] = [];
  items.forEach((item, order) => {
    const embedding = embeddingOf(item);
    if (!embedding || embedding.length !== query.length || query.length === 0) return;
    let dot = 0;
    for (let k = 0; k < query.length; k++) dot += query[k]! * embedding[k]!;
    ranked.push({ item, cosine: dot, order });
  });
  ranked.sort((a, b) => b.cosine - a.cosine || a.order - b.order);
  return ranked.map(({ item, cosine }) => ({ item, cosine }));
}
