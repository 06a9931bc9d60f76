import { describe, expect, it } from 'vitest';
import { multiplyTransposed, transpose } from './kernels';

describe('A·Bᵀ', () => {
  it('equals the plain triple loop for every remainder of the 2×4 blocking', () => {
    for (const [aRows, bRows, inner] of [[1, 1, 1], [2, 4, 3], [3, 5, 7], [5, 7, 2], [4, 9, 16]] as const) {
      const a = Float64Array.from({ length: aRows * inner }, (_, t) => Math.sin(t + 1));
      const b = Float64Array.from({ length: bRows * inner }, (_, t) => Math.cos(t * 0.7));
      const out = new Float64Array(aRows * bRows);
      multiplyTransposed(a, aRows, b, bRows, inner, out);
      for (let i = 0; i < aRows; i++) {
        for (let k = 0; k < bRows; k++) {
          let s = 0;
          for (let j = 0; j < inner; j++) s += a[i * inner + j]! * b[k * inner + j]!;
          expect(out[i * bRows + k]).toBeCloseTo(s, 12);
        }
      }
    }
  });

  it('transposes', () => {
    expect(Array.from(transpose(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
