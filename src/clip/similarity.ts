/**
 * The little linear algebra zero-shot CLIP needs: unit-length embeddings, cosine similarities,
 * the softmax over the (scaled) similarities, and the best k labels.
 * Sums are accumulated in double (plain JS numbers) and stored as float32.
 */

/** `vec` scaled to unit length; a zero vector stays zero rather than becoming NaN. */
export function l2Normalize(vec: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vec.length; i++) sum += vec[i]! * vec[i]!;
  const out = new Float32Array(vec.length);
  if (sum === 0) return out;
  const inverse = 1 / Math.sqrt(sum);
  for (let i = 0; i < vec.length; i++) out[i] = vec[i]! * inverse;
  return out;
}

function checkMatrix(data: ArrayLike<number>, rows: number, dim: number, name: string): void {
  if (!Number.isInteger(rows) || !Number.isInteger(dim) || rows < 0 || dim < 0) {
    throw new Error(`${name}: invalid shape ${rows}×${dim}`);
  }
  if (data.length !== rows * dim) throw new Error(`${name}: expected ${rows}×${dim} = ${rows * dim} values, got ${data.length}`);
}

/** Each of `rows` rows of length `dim` scaled to unit length, in a new array. */
export function normalizeRows(data: Float32Array, rows: number, dim: number): Float32Array {
  checkMatrix(data, rows, dim, 'normalizeRows');
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) out.set(l2Normalize(data.subarray(r * dim, (r + 1) * dim)), r * dim);
  return out;
}

/**
 * Cosine similarity of every row of `a` with every row of `b`, both already L2-normalised, so
 * it is the dot product. Result is row-major [aRows, bRows].
 */
export function cosineMatrix(a: Float32Array, aRows: number, b: Float32Array, bRows: number, dim: number): Float32Array {
  checkMatrix(a, aRows, dim, 'cosineMatrix (a)');
  checkMatrix(b, bRows, dim, 'cosineMatrix (b)');
  const out = new Float32Array(aRows * bRows);
  for (let i = 0; i < aRows; i++) {
    const ai = i * dim;
    for (let j = 0; j < bRows; j++) {
      const bj = j * dim;
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += a[ai + k]! * b[bj + k]!;
      out[i * bRows + j] = dot;
    }
  }
  return out;
}

/**
 * softmax(scale × logits). CLIP's learned logit scale is 100. The maximum is subtracted first so
 * exp never overflows (scale × cosine alone would reach e^100).
 */
export function softmax(logits: ArrayLike<number>, scale = 100): Float32Array {
  const n = logits.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, scale * logits[i]!);
  const exps = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const exp = Math.exp(scale * logits[i]! - max);
    exps[i] = exp;
    sum += exp;
  }
  for (let i = 0; i < n; i++) out[i] = exps[i]! / sum;
  return out;
}

/**
 * The k largest values, largest first; equal values keep index order so results are stable.
 * NaN counts as smallest. k is clamped to 0..length.
 */
export function topK(values: ArrayLike<number>, k: number): { index: number; value: number }[] {
  const count = Math.max(0, Math.min(Math.floor(k), values.length));
  if (count === 0) return [];
  const key = (i: number) => {
    const value = values[i]!;
    return Number.isNaN(value) ? -Infinity : value;
  };
  const indices = Array.from({ length: values.length }, (_, i) => i);
  indices.sort((x, y) => key(y) - key(x) || x - y);
  return indices.slice(0, count).map((index) => ({ index, value: values[index]! }));
}
