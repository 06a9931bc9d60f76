/**
 * `items.map(work)` with at most `limit` calls running at once, results in order. Image decoding
 * uses it: eight 100-megapixel photos decoded together would need 3 GB at once; one at a time
 * (DECODE_CONCURRENCY) keeps the worker's peak to one decoded image.
 */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
