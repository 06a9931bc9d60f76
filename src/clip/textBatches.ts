/**
 * How to cut a list of tokenized prompts into text-tower runs. CLIP's causal text tower gives the
 * same embedding however much padding follows a prompt, so a batch only needs to be as long as
 * its longest prompt; every padding token is still computed, though. Sorting all prompts by length
 * and starting a new batch when the length grows keeps padding near zero (ImageNet's 1000 names:
 * 9,165 real tokens; slices of 64 in list order compute 13,216).
 */

/**
 * A batch with fewer rows than this runs the matrix products inefficiently, so it takes longer
 * prompts (and some padding) rather than being cut at a length change.
 */
export const EFFICIENT_BATCH_ROWS = 16;

/** Indices into `lengths`, grouped into batches of at most `maxBatch`, shortest prompts first. */
export function planTextBatches(lengths: readonly number[], maxBatch: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const index of order) {
    const longer = current.length > 0 && lengths[index] > lengths[current[current.length - 1]];
    if (current.length === maxBatch || (longer && current.length >= EFFICIENT_BATCH_ROWS)) {
      batches.push(current);
      current = [];
    }
    current.push(index);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Tokens a plan computes, padding included (what the text tower's time is proportional to). */
export function plannedTokens(lengths: readonly number[], batches: readonly number[][]): number {
  return batches.reduce((sum, batch) => sum + batch.length * Math.max(...batch.map((i) => lengths[i])), 0);
}
