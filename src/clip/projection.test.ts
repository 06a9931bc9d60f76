import { describe, expect, it } from 'vitest';
import { pca2d, type PcaMethod } from './projection';

/** Rows c + Σ coefficient·axis: an exact point cloud on a known line or plane. */
function cloud(centre: number[], axes: number[][], coefficients: number[][]): Float32Array {
  const dim = centre.length;
  const rows = new Float32Array(coefficients.length * dim);
  coefficients.forEach((coefs, r) => {
    for (let k = 0; k < dim; k++) rows[r * dim + k] = centre[k]! + coefs.reduce((sum, c, a) => sum + c * axes[a]![k]!, 0);
  });
  return rows;
}

function expectPoints(actual: Float32Array, expected: [number, number][], digits = 4): void {
  expect(actual).toHaveLength(expected.length * 2);
  expected.forEach(([x, y], r) => {
    expect(actual[r * 2], `row ${r} x`).toBeCloseTo(x, digits);
    expect(actual[r * 2 + 1], `row ${r} y`).toBeCloseTo(y, digits);
  });
}

/** Deterministic pseudo-random numbers in [-0.5, 0.5). */
function noise(length: number, seed: number): Float32Array {
  let state = seed;
  return Float32Array.from({ length }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32 - 0.5;
  });
}

/** A unit vector in `dim` dimensions with the given non-zero entries. */
function unit(dim: number, entries: Record<number, number>): number[] {
  const v = new Array<number>(dim).fill(0);
  for (const [i, value] of Object.entries(entries)) v[Number(i)] = value;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

const METHODS: PcaMethod[] = ['auto', 'covariance', 'gram'];

describe('pca2d', () => {
  it('puts points on a line on the first axis, with all the variance there', () => {
    // Along (1,2,2)/3 around (5,-1,2): the first PC is that axis, the coordinates are the t's.
    const ts = [-2, -1, 0, 1, 2];
    const rows = cloud([5, -1, 2], [[1 / 3, 2 / 3, 2 / 3]], ts.map((t) => [t]));
    for (const method of METHODS) {
      const { points, explained } = pca2d(rows, ts.length, 3, method);
      expectPoints(points, ts.map((t) => [t, 0]));
      expect(explained[0], method).toBeCloseTo(1, 6);
      expect(explained[1], method).toBe(0);
    }
  });

  it('recovers the two axes of a plane in 4-D and their variance fractions', () => {
    // Orthogonal, centred coefficient columns with sum of squares 20 and 4: fractions 5/6 and 1/6.
    const a = [3, -3, 1, -1];
    const b = [1, 1, -1, -1];
    const e1 = [0, 0.6, 0, 0.8];
    const e2 = [0.8, 0, -0.6, 0];
    const rows = cloud([1, 2, 3, 4], [e1, e2], a.map((ai, i) => [ai, b[i]!]));
    for (const method of METHODS) {
      const { points, explained } = pca2d(rows, 4, 4, method);
      expectPoints(points, a.map((ai, i) => [ai, b[i]!]));
      expect(explained[0], method).toBeCloseTo(5 / 6, 6);
      expect(explained[1], method).toBeCloseTo(1 / 6, 6);
    }
  });

  it('gives the same answer from the covariance and the Gram matrix, explicit or implicit', () => {
    // 300 rows × 400 dims: both matrices exceed the explicit size, so this runs the two-pass
    // products; the 40 × 9 case runs the explicit ones. A plane plus a little noise.
    for (const [count, dim] of [
      [300, 400],
      [40, 9],
    ] as const) {
      const e1 = unit(dim, { 0: 1, 3: 2, 7: -2 });
      const e2 = unit(dim, { 1: 1, 2: -1, 5: 1 });
      const coefficients = Array.from({ length: count }, (_, r) => [6 * Math.sin(r * 0.7), 3 * Math.cos(r * 1.3)]);
      const rows = cloud(new Array<number>(dim).fill(0.5), [e1, e2], coefficients);
      const jitter = noise(count * dim, 11);
      for (let i = 0; i < rows.length; i++) rows[i]! += 0.01 * jitter[i]!;
      const viaCovariance = pca2d(rows, count, dim, 'covariance');
      const viaGram = pca2d(rows, count, dim, 'gram');
      for (let i = 0; i < count * 2; i++) expect(viaGram.points[i]).toBeCloseTo(viaCovariance.points[i]!, 3);
      expect(viaGram.explained[0]).toBeCloseTo(viaCovariance.explained[0], 6);
      expect(viaGram.explained[1]).toBeCloseTo(viaCovariance.explained[1], 6);
      expect(viaCovariance.explained[0] + viaCovariance.explained[1]).toBeGreaterThan(0.99);
    }
  });

  it('orients each axis so that its largest-magnitude coordinate is positive', () => {
    // Points t·(1,-3,0)/√10: the axis is flipped to (-1,3,0)/√10, so a point at +t maps to -t.
    const ts = [-1, 0, 2];
    const rows = cloud([0, 0, 0], [[1 / Math.sqrt(10), -3 / Math.sqrt(10), 0]], ts.map((t) => [t]));
    const { points } = pca2d(rows, 3, 3);
    const mean = ts.reduce((sum, t) => sum + t, 0) / ts.length;
    expectPoints(points, ts.map((t) => [-(t - mean), 0]));
  });

  it('is a pure function of the data: negated rows give negated points, repeated runs identical', () => {
    const count = 60;
    const dim = 16;
    const rows = noise(count * dim, 3);
    const copy = rows.slice();
    const first = pca2d(rows, count, dim);
    expect(rows).toEqual(copy);
    const again = pca2d(rows, count, dim);
    expect(again.points).toEqual(first.points);
    expect(again.explained).toEqual(first.explained);
    const negated = pca2d(rows.map((x) => -x), count, dim);
    for (let i = 0; i < count * 2; i++) expect(negated.points[i]).toBeCloseTo(-first.points[i]!, 5);
    expect(first.explained[0]).toBeGreaterThanOrEqual(first.explained[1]);
  });

  it('handles degenerate input with zeros, not NaN', () => {
    expect(pca2d(new Float32Array(0), 0, 4)).toEqual({ points: new Float32Array(0), explained: [0, 0] });
    expect(pca2d(new Float32Array([1, 2, 3]), 1, 3)).toEqual({ points: new Float32Array(2), explained: [0, 0] });
    expect(pca2d(new Float32Array([1, 2, 1, 2, 1, 2]), 3, 2)).toEqual({ points: new Float32Array(6), explained: [0, 0] });
    expect(pca2d(new Float32Array(0), 3, 0)).toEqual({ points: new Float32Array(6), explained: [0, 0] });
    // Two points: one axis, through both, at ± half their distance (here 5/2); no second axis.
    const two = pca2d(new Float32Array([0, 0, 3, 4]), 2, 2);
    expectPoints(two.points, [
      [-2.5, 0],
      [2.5, 0],
    ]);
    expect(two.explained).toEqual([1, 0]);
    // One dimension: the first axis only.
    const line = pca2d(new Float32Array([1, 2, 6]), 3, 1);
    expectPoints(line.points, [
      [-2, 0],
      [-1, 0],
      [3, 0],
    ]);
    expect(line.explained).toEqual([1, 0]);
  });

  it('rejects a size that does not match the shape', () => {
    expect(() => pca2d(new Float32Array(5), 2, 3)).toThrow(/expected 2×3 = 6 values, got 5/);
    expect(() => pca2d(new Float32Array(0), -1, 3)).toThrow(/invalid shape/);
  });

  it('maps 1100 rows of 1024 dims', () => {
    // Speed is the benchmark's business, not a test's (a timed assertion fails on a busy machine).
    const count = 1100;
    const dim = 1024;
    const rows = noise(count * dim, 5);
    const { points, explained } = pca2d(rows, count, dim);
    expect(points.every(Number.isFinite)).toBe(true);
    expect(explained[0]).toBeGreaterThan(0);
    expect(explained[0]).toBeGreaterThanOrEqual(explained[1]);
  });
});
