/**
 * CLIP's training objective on one batch (Radford et al. 2021, Figure 3's pseudo-code): N images
 * and their N captions give an N×N matrix of cosine similarities; scaled by the logit scale, each
 * row is a classification of one image over the N captions (image → text) and each column one of
 * a caption over the N images (text → image), the true pair always on the diagonal. The loss is
 * the cross-entropy of both, averaged: the symmetric loss CLIP minimises.
 *
 * Everything is computed in double precision, and every softmax and cross-entropy goes through
 * log-sum-exp, so logitScale × cosine (up to ±100) never overflows exp.
 */

export interface ContrastiveBatchLoss {
  /** Batch size: the matrix is n×n. */
  n: number;
  logitScale: number;
  /** logitScale × cosine, row-major [image, text]. */
  logits: Float64Array;
  /** Image → text: softmax along each row (each row sums to 1). */
  rowSoftmax: Float64Array;
  /** Text → image: softmax down each column (each column sums to 1). */
  columnSoftmax: Float64Array;
  /** Cross-entropy of row i against its true caption (column i): −log rowSoftmax[i][i]. */
  rowLosses: Float64Array;
  /** Cross-entropy of column j against its true image (row j): −log columnSoftmax[j][j]. */
  columnLosses: Float64Array;
  /** Mean of the row losses. */
  imageToText: number;
  /** Mean of the column losses. */
  textToImage: number;
  /** (imageToText + textToImage) / 2: CLIP's loss for this batch. */
  symmetric: number;
}

/** log(Σ exp(values[i])), without overflow: the maximum is taken out first. −Infinity for no values. */
export function logSumExp(values: ArrayLike<number>): number {
  const top = argMax(values);
  if (top < 0) return -Infinity;
  const max = values[top]!;
  if (!Number.isFinite(max)) return max; // +Infinity or NaN: nothing meaningful to subtract
  return max + Math.log1p(sumExpExcept(values, top, max));
}

/**
 * −log softmax(values)[target], written as (max − values[target]) + log(1 + Σ_{i ≠ max} e^(values[i] − max)):
 * exact where the probability itself underflows to 0, and where it rounds to 1 (a confident
 * model's true pair has a loss like 1e-31, which `lse − value` would round to 0).
 */
export function crossEntropy(values: ArrayLike<number>, target: number): number {
  const top = argMax(values);
  if (top < 0 || target < 0 || target >= values.length) return NaN;
  const max = values[top]!;
  if (!Number.isFinite(max)) return NaN;
  return max - values[target]! + Math.log1p(sumExpExcept(values, top, max));
}

/** Index of the first largest value; −1 for no values. */
function argMax(values: ArrayLike<number>): number {
  let top = -1;
  for (let i = 0; i < values.length; i++) if (top < 0 || values[i]! > values[top]! || Number.isNaN(values[i]!)) top = i;
  return top;
}

function sumExpExcept(values: ArrayLike<number>, skip: number, max: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (i !== skip) sum += Math.exp(values[i]! - max);
  return sum;
}

/**
 * The contrastive loss of a batch whose `n` true pairs are on the diagonal of `cosines`
 * (row-major n×n: image i × caption j). `logitScale` multiplies the cosines before the softmax
 * (CLIP's learned value is 100, the inverse of a temperature of 0.01).
 */
export function contrastiveLoss(cosines: ArrayLike<number>, n: number, logitScale: number): ContrastiveBatchLoss {
  if (!Number.isInteger(n) || n < 1) throw new Error(`contrastiveLoss: a batch needs at least one pair (n = ${n})`);
  if (cosines.length !== n * n) throw new Error(`contrastiveLoss: expected ${n}×${n} = ${n * n} values, got ${cosines.length}`);
  if (!Number.isFinite(logitScale) || logitScale <= 0) throw new Error(`contrastiveLoss: the logit scale must be a positive number (got ${logitScale})`);

  const logits = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) logits[i] = logitScale * cosines[i]!;

  const rowSoftmax = new Float64Array(n * n);
  const columnSoftmax = new Float64Array(n * n);
  const rowLosses = new Float64Array(n);
  const columnLosses = new Float64Array(n);
  const line = new Float64Array(n);

  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) line[c] = logits[r * n + c]!;
    const lse = logSumExp(line);
    for (let c = 0; c < n; c++) rowSoftmax[r * n + c] = Math.exp(line[c]! - lse);
    // −log softmax of the true caption, straight from the logits (see crossEntropy).
    rowLosses[r] = crossEntropy(line, r);
  }
  for (let c = 0; c < n; c++) {
    for (let r = 0; r < n; r++) line[r] = logits[r * n + c]!;
    const lse = logSumExp(line);
    for (let r = 0; r < n; r++) columnSoftmax[r * n + c] = Math.exp(line[r]! - lse);
    columnLosses[c] = crossEntropy(line, c);
  }

  const imageToText = mean(rowLosses);
  const textToImage = mean(columnLosses);
  return { n, logitScale, logits, rowSoftmax, columnSoftmax, rowLosses, columnLosses, imageToText, textToImage, symmetric: (imageToText + textToImage) / 2 };
}

/** The loss of a batch that has learned nothing (all logits equal): ln n, in both directions. */
export function chanceLoss(n: number): number {
  return Math.log(n);
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
