/**
 * Caption orders for "Shuffle captions": column j of the matrix shows the caption of pair
 * `order[j]`, while the diagonal still claims "image j goes with column j", so every pair moved
 * off its image is a wrong pair and the loss rises.
 */

/** 0, 1, …, n − 1: every caption under its own image. */
export function identityOrder(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * A random order in which no caption stays under its own image (a derangement), for n ≥ 2; for
 * n < 2 there is none, and the identity is returned. `random` gives numbers in [0, 1).
 */
export function derangement(n: number, random: () => number = Math.random): number[] {
  if (n < 2) return identityOrder(n);
  // Sattolo's algorithm: a uniformly random cyclic permutation, which has no fixed point.
  const order = identityOrder(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * i); // 0 ≤ j < i: never i itself
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export function isIdentity(order: readonly number[]): boolean {
  return order.every((value, index) => value === index);
}
