/**
 * Multinomial logistic regression with L2 regularisation: the "linear probe" of the CLIP paper
 * (section 3.2: a logistic regression classifier on the image embeddings, regularisation chosen
 * by a sweep on validation data).
 *
 * Objective, over n examples x_i (rows of X, L2-normalised CLIP embeddings) with classes y_i:
 *
 *   f(W, b) = (1/n) Σ_i [ log Σ_k exp(w_k·x_i + b_k) − (w_{y_i}·x_i + b_{y_i}) ] + (λ/2) ‖W − W₀‖²,
 *   λ = 1 / (C·n).
 *
 * The intercepts b are not penalised. With W₀ = 0 this is scikit-learn's LogisticRegression
 * (multi_class='multinomial', penalty='l2', fit_intercept=True, solver='lbfgs'), whose objective
 * is C·Σ_i loss_i + ½‖W‖² = C·n·f: the same minimiser, and sklearn's objective value is C·n·f.
 * (scikit-learn 1.2 writes it as Σ loss_i + (1/2C)‖W‖², which is that divided by C.) Starting
 * from b = 0, every iterate keeps Σ_k b_k = 0, as sklearn's does, so the intercepts agree too.
 *
 * W₀ ≠ 0 is the paper's other idea (section 3.2 end): pull the probe towards the zero-shot
 * classifier (the label embeddings times the logit scale) instead of towards zero, so with few
 * examples it stays near zero-shot and with many it moves away.
 */
import { multiplyTransposed, transpose } from './kernels';
import { minimizeLbfgs, type LbfgsOptions } from './lbfgs';

/** A dense row-major matrix of Float64 values. */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

export interface LogisticProblem {
  /** n × d examples. */
  x: Matrix;
  /** Class index of each row, 0 ≤ y < classes. */
  y: Int32Array;
  classes: number;
  /** Inverse regularisation strength, as scikit-learn's C. */
  c: number;
  /** K × d weights the penalty pulls towards (zero when absent). */
  prior?: Float64Array | null;
}

export interface LogisticModel {
  /** K × d, row-major. */
  weights: Float64Array;
  /** K. */
  intercepts: Float64Array;
  classes: number;
  dim: number;
}

export interface FitResult {
  model: LogisticModel;
  /** f(W, b) at the solution (mean cross-entropy + penalty). */
  objective: number;
  iterations: number;
  evaluations: number;
  gradientNorm: number;
  converged: boolean;
}

export interface FitOptions extends Pick<LbfgsOptions, 'gradientTolerance' | 'maxIterations' | 'onIteration'> {
  /** Starting point (warm start), e.g. the solution for a neighbouring C. */
  start?: LogisticModel | null;
}

/** logits (n × K) = X Wᵀ + b. */
export function logits(x: Matrix, weights: Float64Array, intercepts: Float64Array, classes: number, out = new Float64Array(x.rows * classes)): Float64Array {
  multiplyTransposed(x.data, x.rows, weights, classes, x.cols, out);
  for (let i = 0; i < x.rows; i++) for (let k = 0; k < classes; k++) out[i * classes + k]! += intercepts[k]!;
  return out;
}

/** Replaces each row of logits with its softmax, in place; returns Σ_i log Σ_k exp(z_ik). */
function softmaxRows(z: Float64Array, rows: number, classes: number): number {
  let logSumTotal = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * classes;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) if (z[o + k]! > max) max = z[o + k]!;
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      const e = Math.exp(z[o + k]! - max);
      z[o + k] = e;
      sum += e;
    }
    const inverse = 1 / sum;
    for (let k = 0; k < classes; k++) z[o + k]! *= inverse;
    logSumTotal += max + Math.log(sum);
  }
  return logSumTotal;
}

/** Probabilities (n × K) of each class for each row of X. */
export function predictProba(model: LogisticModel, x: Matrix): Float64Array {
  const z = logits(x, model.weights, model.intercepts, model.classes);
  softmaxRows(z, x.rows, model.classes);
  return z;
}

/** The class of highest probability for each row (the first on ties). */
export function predict(model: LogisticModel, x: Matrix): Int32Array {
  const z = logits(x, model.weights, model.intercepts, model.classes);
  const out = new Int32Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let best = 0;
    for (let k = 1; k < model.classes; k++) if (z[i * model.classes + k]! > z[i * model.classes + best]!) best = k;
    out[i] = best;
  }
  return out;
}

/**
 * The objective and its gradient at θ = [W (K×d row-major), b (K)], for the L-BFGS solver.
 * Returns the function (θ, gradient) => f; buffers are allocated once per problem.
 */
export function logisticObjective(problem: LogisticProblem): (theta: Float64Array, gradient: Float64Array) => number {
  const { x, y, classes: K, c, prior } = problem;
  const { data, rows: n, cols: d } = x;
  if (y.length !== n) throw new Error(`logistic regression: ${n} rows but ${y.length} labels`);
  if (!(c > 0)) throw new Error(`logistic regression: C must be positive, got ${c}`);
  const lambda = 1 / (c * n);
  const z = new Float64Array(n * K);
  const residualsT = new Float64Array(K * n);
  const xT = transpose(data, n, d);
  return (theta, gradient) => {
    const weights = theta.subarray(0, K * d);
    const intercepts = theta.subarray(K * d, K * d + K);
    logits(x, weights, intercepts, K, z);
    let picked = 0;
    for (let i = 0; i < n; i++) picked += z[i * K + y[i]!]!;
    const logSum = softmaxRows(z, n, K);
    // Residuals R = P − Y, scaled by 1/n: the gradient of the mean cross-entropy w.r.t. the logits.
    const inverseN = 1 / n;
    for (let i = 0; i < n; i++) z[i * K + y[i]!]! -= 1;
    for (let t = 0; t < n * K; t++) z[t]! *= inverseN;
    // ∇W = Rᵀ X + λ (W − W₀) (as Rᵀ·(Xᵀ)ᵀ, the same blocked kernel); ∇b = column sums of R.
    transpose(z, n, K, residualsT);
    multiplyTransposed(residualsT, K, xT, d, n, gradient);
    let penalty = 0;
    for (let t = 0; t < K * d; t++) {
      const delta = weights[t]! - (prior ? prior[t]! : 0);
      penalty += delta * delta;
      gradient[t]! += lambda * delta;
    }
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += z[i * K + k]!;
      gradient[K * d + k] = sum;
    }
    return (logSum - picked) * inverseN + 0.5 * lambda * penalty;
  };
}

/** Fits the probe; deterministic (no randomness anywhere in the solver). */
export function fitLogistic(problem: LogisticProblem, options: FitOptions = {}): FitResult {
  const { classes: K } = problem;
  const d = problem.x.cols;
  const theta = new Float64Array(K * d + K);
  if (options.start) {
    theta.set(options.start.weights, 0);
    theta.set(options.start.intercepts, K * d);
  } else if (problem.prior) {
    theta.set(problem.prior, 0);
  }
  const objective = logisticObjective(problem);
  const result = minimizeLbfgs(objective, theta, {
    gradientTolerance: options.gradientTolerance ?? 1e-7,
    maxIterations: options.maxIterations ?? 1000,
    memory: 10,
    onIteration: options.onIteration,
  });
  return {
    model: {
      weights: result.x.slice(0, K * d),
      intercepts: result.x.slice(K * d),
      classes: K,
      dim: d,
    },
    objective: result.f,
    iterations: result.iterations,
    evaluations: result.evaluations,
    gradientNorm: result.gradientNorm,
    converged: result.reason === 'gradient' || result.reason === 'function',
  };
}

/** Rows `indices` of X, as a new matrix. */
export function selectRows(x: Matrix, indices: ArrayLike<number>): Matrix {
  const out = new Float64Array(indices.length * x.cols);
  for (let r = 0; r < indices.length; r++) out.set(x.data.subarray(indices[r]! * x.cols, (indices[r]! + 1) * x.cols), r * x.cols);
  return { data: out, rows: indices.length, cols: x.cols };
}

/** Copies rows of float32 embeddings into a Float64 matrix, each row L2-normalised (zero rows stay zero). */
export function normalisedMatrix(rows: readonly ArrayLike<number>[], dim: number): Matrix {
  const data = new Float64Array(rows.length * dim);
  rows.forEach((row, r) => {
    if (row.length !== dim) throw new Error(`embedding ${r} has ${row.length} values, expected ${dim}`);
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += row[j]! * row[j]!;
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < dim; j++) data[r * dim + j] = row[j]! * inverse;
  });
  return { data, rows: rows.length, cols: dim };
}
