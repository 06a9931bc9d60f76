/**
 * A 2-D map of embeddings for the lecture: principal component analysis (PCA) onto the two
 * directions of largest variance. Deterministic (fixed start vector, fixed sign convention), so
 * the same embeddings always give the same picture, on every machine and after a reload.
 */

export interface Projection2d {
  /** Row-major [count, 2]: each row's coordinates along the first and second principal axes. */
  points: Float32Array;
  /** Fraction of the total variance along each axis (0 for an axis the data does not have). */
  explained: [number, number];
}

/**
 * Which symmetric matrix the power iteration runs on. Both have the same non-zero eigenvalues:
 * the covariance XᵀX (dim×dim) and the Gram matrix XXᵀ (count×count) of the centred rows X.
 * 'auto' takes the smaller, which is also the cheaper to build and to iterate on.
 */
export type PcaMethod = 'auto' | 'covariance' | 'gram';

/** Power iteration stops when the direction moves by less than this (1 − |cos|, ≈ 1e-6 rad). */
const CONVERGED = 1e-12;
/** An eigenvalue this small relative to the total variance is noise: that axis is reported as 0. */
const NEGLIGIBLE = 1e-10;
/**
 * Work cap per component, in multiply-adds (roughly 0.1–0.2 s of JavaScript). Where the top
 * eigenvalues are nearly equal, power iteration converges slowly, but then any direction in their
 * span shows the data about as well; the cap keeps the UI responsive, and the result is still
 * deterministic. Measured on 1100 synthetic rows × 1024 dims with a decaying spectrum: full
 * convergence took 60–70 iterations; capped at 30, plus `rayleighRitz2`, the variance fractions
 * agreed to 4 digits, in about 0.4 s on a busy 2-core machine.
 */
const WORK_BUDGET = 6e7;
/** Build the matrix explicitly up to this size: beyond it, applying XᵀX as two passes over X is cheaper. */
const EXPLICIT_MAX_SIZE = 256;

/**
 * The top-2 principal components of `count` rows of length `dim` (row-major `rows`).
 *
 * Rows are centred, then the leading eigenvector of the covariance (or Gram) matrix is found by
 * power iteration; the second by the same iteration deflated, i.e. kept orthogonal to the first;
 * a 2×2 Rayleigh–Ritz step then orders the pair (see `rayleighRitz2`).
 * The start vector is a fixed pseudo-random one (a constant vector would be orthogonal to the
 * answer for centred data), and each axis is flipped so that its largest-magnitude coordinate (the
 * first, on ties) is positive: eigenvectors are only defined up to sign, and without a convention
 * the map could mirror between runs or methods.
 *
 * Degenerate inputs give zeros, never NaN: fewer than 2 rows, identical rows, or a second axis
 * the data does not have (2 rows, collinear points, dim 1).
 */
export function pca2d(rows: Float32Array, count: number, dim: number, method: PcaMethod = 'auto'): Projection2d {
  if (!Number.isInteger(count) || !Number.isInteger(dim) || count < 0 || dim < 0) throw new Error(`pca2d: invalid shape ${count}×${dim}`);
  if (rows.length !== count * dim) throw new Error(`pca2d: expected ${count}×${dim} = ${count * dim} values, got ${rows.length}`);
  const result: Projection2d = { points: new Float32Array(count * 2), explained: [0, 0] };
  if (count < 2 || dim === 0) return result;

  const centred = centre(rows, count, dim);
  let total = 0;
  for (const value of centred) total += value * value;
  if (!(total > 0)) return result;

  const useGram = method === 'gram' || (method === 'auto' && count < dim);
  const size = useGram ? count : dim;
  // An m×m matrix costs m²·(its other side)/2 to build and m² per product; applied implicitly
  // (X then Xᵀ) it costs 2·count·dim per product. Small m: build it; large m: never form it.
  const explicit = size <= EXPLICIT_MAX_SIZE;
  const apply = explicit
    ? explicitOperator(useGram ? gramMatrix(centred, count, dim) : covarianceMatrix(centred, count, dim), size)
    : implicitOperator(centred, count, dim, useGram);
  const work = explicit ? size * size : 2 * count * dim;
  const maxIterations = Math.max(30, Math.min(5000, Math.floor(WORK_BUDGET / work)));

  const found: Float64Array[] = [];
  const values: number[] = [];
  for (let component = 0; component < 2 && component < size; component++) {
    const { vector, value } = leadingEigenvector(apply, size, found, maxIterations);
    if (value <= NEGLIGIBLE * total) break;
    found.push(vector);
    values.push(value);
  }
  const [first, second] = found;
  if (first && second) rayleighRitz2(apply, first, second, values);

  found.forEach((vector, component) => {
    const axis = useGram ? gramToAxis(centred, count, dim, vector) : vector;
    fixSign(axis);
    for (let r = 0; r < count; r++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += centred[r * dim + k]! * axis[k]!;
      result.points[r * 2 + component] = dot;
    }
    // `values` was filled alongside `found`, one eigenvalue per vector.
    result.explained[component] = Math.min(1, Math.max(0, values[component]! / total));
  });
  return result;
}

/**
 * Best pair within span(v1, v2): diagonalise the 2×2 matrix [vᵢᵀAvⱼ] and rotate the two vectors
 * (and values) to its eigenvectors, largest first. When the work cap stopped the iteration early,
 * the deflated second vector can carry more variance than the first; this puts them in order
 * and makes them as close to the true components as that plane allows. Costs two products.
 */
function rayleighRitz2(apply: Operator, v1: Float64Array, v2: Float64Array, values: number[]): void {
  const av1 = new Float64Array(v1.length);
  const av2 = new Float64Array(v2.length);
  apply(v1, av1);
  apply(v2, av2);
  const a = dot(v1, av1);
  const b = (dot(v1, av2) + dot(v2, av1)) / 2;
  const c = dot(v2, av2);
  // Jacobi rotation: this angle puts the larger eigenvalue first.
  const theta = 0.5 * Math.atan2(2 * b, a - c);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  for (let i = 0; i < v1.length; i++) {
    const x = v1[i]!;
    const y = v2[i]!;
    v1[i] = cos * x + sin * y;
    v2[i] = -sin * x + cos * y;
  }
  values[0] = a * cos * cos + 2 * b * sin * cos + c * sin * sin;
  values[1] = a * sin * sin - 2 * b * sin * cos + c * cos * cos;
}

/**
 * The rows minus their mean (computed in double). Stored as float32 like the input: the
 * products stream over this array once or twice per iteration, and half the bytes is a
 * noticeably faster pass at 1024 dims; every sum is still accumulated in double.
 */
function centre(rows: Float32Array, count: number, dim: number): Float32Array {
  const mean = new Float64Array(dim);
  for (let r = 0; r < count; r++) for (let k = 0; k < dim; k++) mean[k]! += rows[r * dim + k]!;
  for (let k = 0; k < dim; k++) mean[k]! /= count;
  const out = new Float32Array(count * dim);
  for (let r = 0; r < count; r++) for (let k = 0; k < dim; k++) out[r * dim + k] = rows[r * dim + k]! - mean[k]!;
  return out;
}

/** XᵀX (dim×dim), built as a sum of rank-1 updates so the inner loop runs along a row. */
function covarianceMatrix(x: Float32Array, count: number, dim: number): Float64Array {
  const out = new Float64Array(dim * dim);
  for (let r = 0; r < count; r++) {
    const row = r * dim;
    for (let i = 0; i < dim; i++) {
      const xi = x[row + i]!;
      if (xi === 0) continue;
      const base = i * dim;
      for (let j = i; j < dim; j++) out[base + j]! += xi * x[row + j]!;
    }
  }
  mirrorUpper(out, dim);
  return out;
}

/** XXᵀ (count×count): dot products of the centred rows. */
function gramMatrix(x: Float32Array, count: number, dim: number): Float64Array {
  const out = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    for (let b = a; b < count; b++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += x[a * dim + k]! * x[b * dim + k]!;
      out[a * count + b] = dot;
    }
  }
  mirrorUpper(out, count);
  return out;
}

function mirrorUpper(matrix: Float64Array, size: number): void {
  for (let i = 0; i < size; i++) for (let j = 0; j < i; j++) matrix[i * size + j] = matrix[j * size + i]!;
}

/**
 * Power iteration on a symmetric positive semi-definite matrix, restricted to the complement of
 * `deflate` (unit vectors already found): w = A·v, minus its components along them, normalised.
 * Returns the unit vector and its Rayleigh quotient vᵀAv (the eigenvalue).
 */
function leadingEigenvector(
  apply: Operator,
  size: number,
  deflate: readonly Float64Array[],
  maxIterations: number,
): { vector: Float64Array; value: number } {
  let v = startVector(size);
  orthogonalise(v, deflate);
  if (!normalise(v)) return { vector: v, value: 0 };
  let w: Float64Array = new Float64Array(size);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    apply(v, w);
    orthogonalise(w, deflate);
    // Nothing left outside the deflated directions: the remaining eigenvalues are 0.
    if (!normalise(w)) return { vector: v, value: 0 };
    const moved = 1 - Math.abs(dot(v, w));
    [v, w] = [w, v];
    if (moved < CONVERGED) break;
  }
  // The eigenvalue: the Rayleigh quotient vᵀAv of the final vector.
  apply(v, w);
  orthogonalise(w, deflate);
  return { vector: v, value: dot(v, w) };
}

/** A fixed pseudo-random vector in [-0.5, 0.5) (a linear congruential generator with a constant seed). */
function startVector(size: number): Float64Array {
  const out = new Float64Array(size);
  let state = 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 32 - 0.5;
  }
  return out;
}

/** out = A·v for the symmetric matrix A the iteration runs on. */
type Operator = (v: Float64Array, out: Float64Array) => void;

function explicitOperator(matrix: Float64Array, size: number): Operator {
  return (v, out) => {
    for (let i = 0; i < size; i++) {
      let sum = 0;
      const base = i * size;
      for (let j = 0; j < size; j++) sum += matrix[base + j]! * v[j]!;
      out[i] = sum;
    }
  };
}

/** XᵀX·v (covariance) or XXᵀ·v (Gram) as two passes over the centred rows X. */
function implicitOperator(x: Float32Array, count: number, dim: number, gram: boolean): Operator {
  const scratch = new Float64Array(gram ? dim : count);
  // rowsTimes: out[r] = X[r]·v (v over dims); rowsTransposedTimes: out = Σ_r X[r]·u[r] (u over rows).
  const rowsTimes = (v: Float64Array, out: Float64Array) => {
    for (let r = 0; r < count; r++) {
      let sum = 0;
      const base = r * dim;
      for (let k = 0; k < dim; k++) sum += x[base + k]! * v[k]!;
      out[r] = sum;
    }
  };
  const rowsTransposedTimes = (u: Float64Array, out: Float64Array) => {
    out.fill(0);
    for (let r = 0; r < count; r++) {
      const base = r * dim;
      const weight = u[r]!;
      for (let k = 0; k < dim; k++) out[k]! += x[base + k]! * weight;
    }
  };
  return gram
    ? (u, out) => {
        rowsTransposedTimes(u, scratch);
        rowsTimes(scratch, out);
      }
    : (v, out) => {
        rowsTimes(v, scratch);
        rowsTransposedTimes(scratch, out);
      };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function orthogonalise(v: Float64Array, against: readonly Float64Array[]): void {
  for (const u of against) {
    const projection = dot(v, u);
    for (let i = 0; i < v.length; i++) v[i]! -= projection * u[i]!;
  }
}

/** Scales `v` to unit length in place; false (and v untouched) for a zero or non-finite vector. */
function normalise(v: Float64Array): boolean {
  const norm = Math.sqrt(dot(v, v));
  if (!(norm > 0) || !Number.isFinite(norm)) return false;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return true;
}

/** A Gram eigenvector u (over rows) as the principal axis Xᵀu / |Xᵀu| (over dimensions). */
function gramToAxis(x: Float32Array, count: number, dim: number, u: Float64Array): Float64Array {
  const axis = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    const weight = u[r]!;
    for (let k = 0; k < dim; k++) axis[k]! += x[r * dim + k]! * weight;
  }
  normalise(axis);
  return axis;
}

/** Flips `axis` in place so that its largest-magnitude coordinate (the first, on ties) is positive. */
function fixSign(axis: Float64Array): void {
  let best = 0;
  for (let i = 1; i < axis.length; i++) if (Math.abs(axis[i]!) > Math.abs(axis[best]!)) best = i;
  if (axis[best]! < 0) for (let i = 0; i < axis.length; i++) axis[i] = -axis[i]!;
}
