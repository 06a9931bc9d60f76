/**
 * How to cut a list of tokenized prompts into text-tower runs. CLIP's causal text tower gives the
 * same embedding however much padding follows a prompt, so a batch only needs to be as long as
 * its longest prompt; every padding token is still computed, though. Sorting the whole set by
 * length before cutting it into batches keeps padding small (ImageNet's 1000 names: 9,165 real
 * tokens; batches of 64 in list order compute 13,216, sorted ones 9,552).
 */

/**
 * Indices into `lengths`, shortest prompts first, in batches of `maxBatch` (the last may be
 * smaller). Cutting batches at every length change as well saves the last few percent of padding
 * but measured slower: small batches run the matrix products less efficiently (BENCHMARKS.md).
 */
export function planTextBatches(lengths: readonly number[], maxBatch: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  return Array.from({ length: Math.ceil(order.length / maxBatch) }, (_, i) => order.slice(i * maxBatch, (i + 1) * maxBatch));
}

/** Tokens a plan computes, padding included (what the text tower's time is proportional to). */
export function plannedTokens(lengths: readonly number[], batches: readonly number[][]): number {
  return batches.reduce((sum, batch) => sum + batch.length * Math.max(...batch.map((i) => lengths[i]!)), 0);
}
