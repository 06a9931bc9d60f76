/** Deterministic unit vectors for the insights unit tests. */
import { l2Normalize } from '../../clip';

/** A seeded pseudo-random generator (mulberry32), uniform in [0, 1). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `count` unit vectors of length `dim`; `offset` (if given) is added before normalising, to make a cluster. */
export function unitVectors(count: number, dim: number, seed: number, offset?: ArrayLike<number>, spread = 1): Float32Array[] {
  const random = seeded(seed);
  return Array.from({ length: count }, () =>
    l2Normalize(Array.from({ length: dim }, (_, k) => (random() - 0.5) * spread + (offset ? offset[k]! : 0))),
  );
}

export function flatten(rows: readonly Float32Array[]): Float32Array {
  const dim = rows[0]?.length ?? 0;
  const out = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => out.set(row, i * dim));
  return out;
}
