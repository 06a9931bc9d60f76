import { describe, expect, it } from 'vitest';
import { cosineMatrix, l2Normalize, normalizeRows, softmax, topK } from './similarity';

const close = (actual: ArrayLike<number>, expected: number[], digits = 6) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
};

describe('l2Normalize', () => {
  it('scales to unit length', () => {
    close(l2Normalize([3, 4]), [0.6, 0.8]);
    close(l2Normalize(Float32Array.from([0, -2, 0])), [0, -1, 0]);
  });
  it('leaves a zero vector at zero instead of NaN', () => {
    expect(Array.from(l2Normalize([0, 0]))).toEqual([0, 0]);
  });
});

describe('normalizeRows', () => {
  it('normalises each row into a new array', () => {
    const data = Float32Array.from([3, 4, 0, 5, 0, 0]);
    close(normalizeRows(data, 3, 2), [0.6, 0.8, 0, 1, 0, 0]);
    expect(Array.from(data)).toEqual([3, 4, 0, 5, 0, 0]);
  });
  it('checks the shape', () => {
    expect(() => normalizeRows(new Float32Array(5), 2, 2)).toThrow(/expected 2×2/);
  });
});

describe('cosineMatrix', () => {
  it('is the row-major matrix of dot products', () => {
    const a = Float32Array.from([1, 0, 0.6, 0.8]);
    const b = Float32Array.from([0, 1, 1, 0, 0.6, 0.8]);
    close(cosineMatrix(a, 2, b, 3, 2), [0, 1, 0.6, 0.8, 0.6, 1]);
  });
  it('checks the shapes', () => {
    expect(() => cosineMatrix(new Float32Array(4), 2, new Float32Array(3), 2, 2)).toThrow(/\(b\)/);
  });
});

describe('softmax', () => {
  it('exponentiates scaled logits and normalises', () => {
    // scale 1: e^0, e^ln2, e^ln4 → 1 : 2 : 4.
    close(softmax([0, Math.LN2, 2 * Math.LN2], 1), [1 / 7, 2 / 7, 4 / 7]);
    // Default scale 100 (CLIP's logit scale): 100 × (0.21 - 0.2) = 1 → 1 : e.
    close(softmax([0.2, 0.21]), [1 / (1 + Math.E), Math.E / (1 + Math.E)]);
  });
  it('is numerically stable for large logits', () => {
    close(softmax([1000, 1000, 999.99]), [1 / (2 + Math.exp(-1)), 1 / (2 + Math.exp(-1)), Math.exp(-1) / (2 + Math.exp(-1))]);
    close(softmax([-1000, 0]), [0, 1]);
  });
  it('handles an empty input', () => {
    expect(softmax([]).length).toBe(0);
  });
});

describe('topK', () => {
  it('returns the largest values first, ties in index order', () => {
    expect(topK([0.1, 0.5, 0.2, 0.5], 3)).toEqual([
      { index: 1, value: 0.5 },
      { index: 3, value: 0.5 },
      { index: 2, value: 0.2 },
    ]);
  });
  it('clamps k and puts NaN last', () => {
    expect(topK(Float32Array.from([1, NaN, 2]), 10).map((r) => r.index)).toEqual([2, 0, 1]);
    expect(topK([1, 2], 0)).toEqual([]);
    expect(topK([], 3)).toEqual([]);
  });
});
