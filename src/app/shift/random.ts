/** A small seeded random number generator (mulberry32), so a generated test set is the same every time. */
export interface Random {
  /** Uniform in [0, 1). */
  next: () => number;
  uniform: (min: number, max: number) => number;
  /** An integer in [min, max]. */
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick: no items');
      return items[Math.floor(next() * items.length)]!;
    },
  };
  return random;
}

/** A seed from a few integers (a set's seed, a class, a domain, an index). */
export function mixSeed(...parts: number[]): number {
  let h = 2166136261;
  for (const part of parts) h = Math.imul(h ^ (part >>> 0), 16777619) >>> 0;
  return h;
}
