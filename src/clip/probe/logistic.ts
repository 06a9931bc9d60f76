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
import { LbfgsWorkspace, minimizeLbfgs, type LbfgsOptions, type LineObjective } from './lbfgs';
import { wasmProducts } from './wasmProducts';

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
  /** Line-search steps tried (each a softmax). */
  evaluations: number;
  /** Products with X (each n·d·K multiply-adds): where the time goes. */
  products: number;
  gradientNorm: number;
  converged: boolean;
}

export interface FitOptions extends Pick<LbfgsOptions, 'gradientTolerance' | 'maxIterations' | 'memory' | 'onIteration'> {
  /** Starting point (warm start), e.g. the solution for a neighbouring C. */
  start?: LogisticModel | null;
  /**
   * Buffers and products for this problem's X (made for it when absent): pass the same one to the
   * fits of one X, and a fit that starts at the previous fit's solution starts without a product.
   */
  workspace?: LogisticWorkspace;
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

/**
 * The two products with X the solver needs, bound to one X (n × d) and K classes. Whatever
 * computes them (plain JavaScript in Float64 here, WebAssembly SIMD in Float32 in ./wasmProducts.ts),
 * the rest of the objective (softmax, loss, penalty, line search) stays in Float64.
 */
export interface ProbeProducts {
  /** out (n × K) = X · Wᵀ + b (b added to every row), W being K × d. */
  logits(weights: Float64Array, intercepts: Float64Array, out: Float64Array): void;
  /** out (K × d) = Rᵀ · X, R being n × K. */
  gradient(residuals: Float64Array, out: Float64Array): void;
  /** Products computed so far (for measurements). */
  count: number;
}

/** The products in plain JavaScript, Float64, with the blocked kernel of ./kernels.ts. */
export function float64Products(x: Matrix, classes: number): ProbeProducts {
  const { data, rows: n, cols: d } = x;
  const xT = transpose(data, n, d);
  const residualsT = new Float64Array(classes * n);
  const products: ProbeProducts = {
    count: 0,
    logits(weights, intercepts, out) {
      multiplyTransposed(data, n, weights, classes, d, out);
      for (let i = 0; i < n; i++) for (let k = 0; k < classes; k++) out[i * classes + k]! += intercepts[k]!;
      products.count++;
    },
    gradient(residuals, out) {
      transpose(residuals, n, classes, residualsT);
      multiplyTransposed(residualsT, classes, xT, d, n, out);
      products.count++;
    },
  };
  return products;
}

/** The fastest products this engine has: WebAssembly SIMD (Float32), else plain JavaScript (Float64). */
export function probeProducts(x: Matrix, classes: number): ProbeProducts {
  return wasmProducts(x, classes) ?? float64Products(x, classes);
}

/**
 * Buffers and products for fits on one X (n × d) with K classes, reused from fit to fit: the
 * cross-validation sweep fits each fold at every C. It also remembers the logits and the data
 * part of the gradient at the last fit's solution, so the next fit, starting there (a warm start),
 * begins without computing a product (only the penalty term changes with C).
 */
export class LogisticWorkspace {
  /** Logits at the current point (n × K). */
  readonly z: Float64Array;
  /** Their change along the current line, per unit step (n × K). */
  readonly zd: Float64Array;
  /** Probabilities at the last trial step, then the residuals (n × K). */
  readonly p: Float64Array;
  /** Rᵀ X and the column sums of R at the current point: the gradient without the penalty. */
  readonly dataGradient: Float64Array;
  readonly lbfgs: LbfgsWorkspace;
  /** The model whose logits and data gradient `z` and `dataGradient` hold (the last fit's solution). */
  at: LogisticModel | null = null;

  constructor(
    readonly x: Matrix,
    readonly classes: number,
    readonly products: ProbeProducts = probeProducts(x, classes),
  ) {
    const size = x.rows * classes;
    this.z = new Float64Array(size);
    this.zd = new Float64Array(size);
    this.p = new Float64Array(size);
    this.dataGradient = new Float64Array(classes * x.cols + classes);
    this.lbfgs = new LbfgsWorkspace(classes * x.cols + classes);
  }
}

/**
 * gradient = data + λ (θ − W₀) on the weights and = data on the intercepts; returns ‖W − W₀‖².
 * (Two loops rather than `prior ? prior[t] : 0` in one: the pass is over K·d values.)
 */
function addPenalty(theta: Float64Array, data: Float64Array, prior: Float64Array | null | undefined, lambda: number, size: number, gradient: Float64Array): number {
  let sum = 0;
  if (prior) {
    for (let t = 0; t < size; t++) {
      const delta = theta[t]! - prior[t]!;
      sum += delta * delta;
      gradient[t] = data[t]! + lambda * delta;
    }
  } else {
    for (let t = 0; t < size; t++) {
      const delta = theta[t]!;
      sum += delta * delta;
      gradient[t] = data[t]! + lambda * delta;
    }
  }
  for (let t = size; t < data.length; t++) gradient[t] = data[t]!;
  return sum;
}

/**
 * The objective as L-BFGS's line search sees it (see `LineObjective` in ./lbfgs.ts). The logits
 * are linear in θ, so along a line they are Z + t·Z_d with Z_d = X·D_Wᵀ + d_b: one product when
 * the line is set, then every trial step costs only a softmax (n × K exponentials), and the
 * accepted step one more product for the gradient. Two products per iteration, however many
 * steps the line search tries (a full evaluation costs two products per step).
 *
 * Z is carried from step to step (Z ← Z + t·Z_d) rather than recomputed: it drifts from X·Wᵀ + b
 * only by the rounding of the products (the solution's objective, recomputed exactly, agrees with
 * scikit-learn's to 1e-14 at C = 1: logistic.test.ts).
 */
export function logisticLineObjective(problem: LogisticProblem, workspace: LogisticWorkspace = new LogisticWorkspace(problem.x, problem.classes), warm: LogisticModel | null = null): LineObjective {
  const { x, y, classes: K, c, prior } = problem;
  const { rows: n, cols: d } = x;
  if (y.length !== n) throw new Error(`logistic regression: ${n} rows but ${y.length} labels`);
  if (!(c > 0)) throw new Error(`logistic regression: C must be positive, got ${c}`);
  if (workspace.x !== x || workspace.classes !== K) throw new Error('logistic regression: the workspace was made for another problem');
  const { z, zd, p, dataGradient, products } = workspace;
  const lambda = 1 / (c * n);
  const inverseN = 1 / n;
  const size = K * d;
  let pAt = NaN; // the step p holds the probabilities of
  let lastF = NaN; // f there
  // ‖W − W₀‖², (W − W₀)·D_W and ‖D_W‖² at the current point and line: the penalty along the line is a quadratic in t.
  let penalty0 = 0;
  let penalty1 = 0;
  let penalty2 = 0;

  /** Probabilities at Z + t·Z_d into p; returns the mean cross-entropy and its slope along the line. */
  const softmaxAlong = (t: number): { loss: number; slope: number } => {
    let loss = 0;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      const o = i * K;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const v = z[o + k]! + t * zd[o + k]!;
        p[o + k] = v;
        if (v > max) max = v;
      }
      let sum = 0;
      let weighted = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(p[o + k]! - max);
        p[o + k] = e;
        sum += e;
        weighted += e * zd[o + k]!;
      }
      const inverse = 1 / sum;
      for (let k = 0; k < K; k++) p[o + k]! *= inverse;
      const truth = o + y[i]!;
      loss += max + Math.log(sum) - (z[truth]! + t * zd[truth]!);
      slope += weighted * inverse - zd[truth]!;
    }
    pAt = t;
    return { loss: loss * inverseN, slope: slope * inverseN };
  };

  /** The data gradient from p (the probabilities at the current point): Rᵀ X and the column sums of R, R = (P − Y)/n. */
  const dataGradientFromP = (): void => {
    const interceptPart = dataGradient.subarray(size);
    interceptPart.fill(0);
    for (let i = 0; i < n; i++) {
      const o = i * K;
      p[o + y[i]!]! -= 1;
      for (let k = 0; k < K; k++) {
        const r = p[o + k]! * inverseN;
        p[o + k] = r;
        interceptPart[k]! += r;
      }
    }
    pAt = NaN; // p now holds residuals
    products.gradient(p, dataGradient);
  };

  return {
    start(theta, gradient) {
      zd.fill(0);
      let loss: number;
      if (warm !== null && workspace.at === warm) {
        // θ is the last fit's solution: its logits and data gradient are already here.
        loss = softmaxAlong(0).loss;
      } else {
        products.logits(theta.subarray(0, size), theta.subarray(size), z);
        loss = softmaxAlong(0).loss;
        dataGradientFromP();
      }
      penalty0 = addPenalty(theta, dataGradient, prior, lambda, size, gradient);
      workspace.at = null;
      return loss + 0.5 * lambda * penalty0;
    },
    setLine(theta, dir) {
      products.logits(dir.subarray(0, size), dir.subarray(size), zd);
      penalty1 = 0;
      penalty2 = 0;
      if (prior) {
        for (let t = 0; t < size; t++) {
          penalty1 += (theta[t]! - prior[t]!) * dir[t]!;
          penalty2 += dir[t]! * dir[t]!;
        }
      } else {
        for (let t = 0; t < size; t++) {
          penalty1 += theta[t]! * dir[t]!;
          penalty2 += dir[t]! * dir[t]!;
        }
      }
      pAt = NaN;
    },
    along(t) {
      const { loss, slope } = softmaxAlong(t);
      lastF = loss + 0.5 * lambda * (penalty0 + 2 * t * penalty1 + t * t * penalty2);
      return { f: lastF, slope: slope + lambda * (penalty1 + t * penalty2) };
    },
    moveTo(t, thetaNew, gradient) {
      if (pAt !== t) this.along(t);
      const f = lastF;
      for (let k = 0; k < n * K; k++) z[k]! += t * zd[k]!;
      dataGradientFromP();
      penalty0 = addPenalty(thetaNew, dataGradient, prior, lambda, size, gradient);
      return f;
    },
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
  const workspace = options.workspace ?? new LogisticWorkspace(problem.x, K);
  const before = workspace.products.count;
  const result = minimizeLbfgs(logisticLineObjective(problem, workspace, options.start ?? null), theta, {
    gradientTolerance: options.gradientTolerance ?? 1e-7,
    maxIterations: options.maxIterations ?? 1000,
    memory: options.memory ?? 10,
    onIteration: options.onIteration,
    workspace: workspace.lbfgs,
  });
  const model: LogisticModel = {
    weights: result.x.slice(0, K * d),
    intercepts: result.x.slice(K * d),
    classes: K,
    dim: d,
  };
  // The workspace's logits and data gradient are those of the last accepted point: the solution.
  workspace.at = model;
  return {
    model,
    objective: result.f,
    iterations: result.iterations,
    evaluations: result.evaluations,
    products: workspace.products.count - before,
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
