/**
 * Seeded randomness for the probe's splits (mulberry32: tiny, fast, and the same sequence in every
 * engine), so a k-shot curve or a cross-validation can be recomputed and checked.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates, in place. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Row indices of each class, in row order. */
export function indicesByClass(y: ArrayLike<number>, classes: number): number[][] {
  const out: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < y.length; i++) out[y[i]!]!.push(i);
  return out;
}

/**
 * Stratified folds: each class's rows, shuffled, dealt round-robin into `folds` folds (a class
 * with at least `folds` rows is in every fold). Returns the fold of each row.
 */
export function stratifiedFolds(y: ArrayLike<number>, classes: number, folds: number, random: Random): Int32Array {
  const fold = new Int32Array(y.length);
  let offset = 0;
  for (const rows of indicesByClass(y, classes)) {
    shuffle(rows, random);
    // Continue the deal where the last class stopped, so fold sizes stay even.
    rows.forEach((row, i) => (fold[row] = (offset + i) % folds));
    offset = (offset + rows.length) % folds;
  }
  return fold;
}

/** k rows of each class for training (chosen at random), the rest for testing. */
export function kShotSplit(y: ArrayLike<number>, classes: number, k: number, random: Random): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of indicesByClass(y, classes)) {
    shuffle(rows, random);
    train.push(...rows.slice(0, k));
    test.push(...rows.slice(k));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}
