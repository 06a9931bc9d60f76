/**
 * Choosing the regularisation strength C by cross-validation on the training data, as the CLIP
 * paper's probes do (a sweep of λ on validation splits; here a grid of C, stratified folds). The
 * grid is walked from strong to weak regularisation, each fold's fit starting from its previous
 * one (a warm start: neighbouring solutions are close, so each costs a few iterations).
 */
import { fitLogistic, LogisticWorkspace, probeProducts, selectRows, type LogisticModel, type Matrix, type ProbeProducts } from './logistic';
import { indicesByClass, seededRandom, stratifiedFolds } from './random';

/** Ten to the −2 … 4: from "almost only the prior" to "almost unregularised". */
export const DEFAULT_C_GRID: readonly number[] = [1e-2, 1e-1, 1, 10, 100, 1e3, 1e4];

/**
 * C when there are too few examples per class to cross-validate (fewer than two): moderate
 * without a prior; strong regularisation with the zero-shot prior, so one example nudges the
 * zero-shot classifier rather than replacing it (what the paper saw the sweep choose anyway).
 */
export const FALLBACK_C = 10;
export const FALLBACK_C_WITH_PRIOR = 0.1;

export const MAX_FOLDS = 3;

/**
 * Tolerances (max |∇f| of the mean objective). The sweep only has to rank C by held-out accuracy:
 * 1e-4 is scikit-learn's default `tol`, what the CLIP paper's probes were fitted with (its
 * appendix A.3: scikit-learn's L-BFGS, at most 1 000 iterations); held-out accuracies agree with
 * fully converged fits to the third decimal (bench/probe-notes in docs/evaluation.md). The final fit
 * on all the data converges a hundred times tighter.
 */
export const SWEEP_FIT = { gradientTolerance: 1e-4, maxIterations: 1000 } as const;
export const FINAL_FIT = { gradientTolerance: 1e-6, maxIterations: 1000 } as const;

/**
 * The sweep stops once two C values in a row did no better than the best so far: held-out
 * accuracy has peaked (weaker regularisation only fits the training folds more closely), and the
 * weaker-regularised fits are the slowest ones.
 */
export const PATIENCE = 2;

export interface SweepPoint {
  c: number;
  /** Mean validation accuracy over the folds. */
  accuracy: number;
  /** Mean validation cross-entropy (the tie-breaker). */
  logLoss: number;
}

/** What a job computed: fits, L-BFGS iterations, products with X and their multiply-adds (for the benchmark). */
export interface Work {
  fits: number;
  iterations: number;
  products: number;
  multiplyAdds: number;
}

export function noWork(): Work {
  return { fits: 0, iterations: 0, products: 0, multiplyAdds: 0 };
}

/** Adds a fit's work (with `rows` rows of `dim` values and `classes` classes) to `work`. */
export function addFit(work: Work, fit: { iterations: number; products: number }, rows: number, dim: number, classes: number): void {
  work.fits++;
  work.iterations += fit.iterations;
  work.products += fit.products;
  work.multiplyAdds += fit.products * rows * dim * classes;
}

export interface CvChoice {
  c: number;
  /** Null when C was not cross-validated (too few examples). */
  sweep: SweepPoint[] | null;
  folds: number;
  /** The fold models at the chosen C, averaged: where the final fit starts (null without a sweep). */
  start: LogisticModel | null;
  work: Work;
}

export interface ProbeData {
  x: Matrix;
  y: Int32Array;
  classes: number;
  /** K × d weights the penalty pulls towards (the zero-shot classifier), or null for zero. */
  prior: Float64Array | null;
}

/** How many fits `chooseC` makes for this data (for progress). */
export function cvFitCount(y: ArrayLike<number>, classes: number, grid: readonly number[] = DEFAULT_C_GRID): number {
  const folds = foldCount(y, classes);
  return folds < 2 ? 0 : folds * grid.length;
}

export function foldCount(y: ArrayLike<number>, classes: number): number {
  const smallest = Math.min(...indicesByClass(y, classes).map((rows) => rows.length));
  return Math.min(MAX_FOLDS, smallest);
}

/** Whether `a` beats `b`: higher accuracy; among equals the lower validation loss (else the earlier, more regularised C stays). */
function better(a: SweepPoint, b: SweepPoint): boolean {
  return a.accuracy > b.accuracy + 1e-12 || (Math.abs(a.accuracy - b.accuracy) <= 1e-12 && a.logLoss < b.logLoss - 1e-12);
}

interface Fold {
  train: Matrix;
  yTrain: Int32Array;
  /** Buffers and products on the training rows, made once for every C. */
  workspace: LogisticWorkspace;
  /** The held-out rows' products (logits only) and classes. */
  test: ProbeProducts;
  yTest: Int32Array;
  /** The last C's solution: the next C starts from it. */
  model: LogisticModel | null;
}

/** Held-out correct count and summed cross-entropy of a model. */
function heldOut(model: LogisticModel, fold: Fold): { correct: number; loss: number } {
  const K = model.classes;
  const n = fold.yTest.length;
  const z = new Float64Array(n * K);
  fold.test.logits(model.weights, model.intercepts, z);
  let correct = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const o = i * K;
    let best = 0;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      const v = z[o + k]!;
      if (v > max) [max, best] = [v, k];
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(z[o + k]! - max);
    const truth = fold.yTest[i]!;
    if (best === truth) correct++;
    // −log p(truth), with p floored at 1e-300 as a probability would be.
    loss += Math.min(max + Math.log(sum) - z[o + truth]!, -Math.log(1e-300));
  }
  return { correct, loss };
}

function averageModel(models: readonly LogisticModel[]): LogisticModel {
  const first = models[0]!;
  const weights = new Float64Array(first.weights.length);
  const intercepts = new Float64Array(first.intercepts.length);
  for (const m of models) {
    for (let t = 0; t < weights.length; t++) weights[t]! += m.weights[t]! / models.length;
    for (let k = 0; k < intercepts.length; k++) intercepts[k]! += m.intercepts[k]! / models.length;
  }
  return { weights, intercepts, classes: first.classes, dim: first.dim };
}

/**
 * C by stratified k-fold cross-validation over `grid` (strong to weak regularisation). C by C,
 * every fold is fitted (each from its own previous solution: a warm start) and scored on its
 * held-out rows; the sweep stops early once held-out scores stop improving (`PATIENCE`).
 */
export function chooseC(data: ProbeData, options: { grid?: readonly number[]; seed?: number; onFit?: () => void } = {}): CvChoice {
  const { grid = DEFAULT_C_GRID, seed = 1, onFit } = options;
  const K = data.classes;
  const foldTotal = foldCount(data.y, K);
  if (foldTotal < 2) return { c: data.prior ? FALLBACK_C_WITH_PRIOR : FALLBACK_C, sweep: null, folds: 0, start: null, work: noWork() };
  const assignment = stratifiedFolds(data.y, K, foldTotal, seededRandom(seed));
  const folds: Fold[] = Array.from({ length: foldTotal }, (_, f) => {
    const trainRows: number[] = [];
    const testRows: number[] = [];
    assignment.forEach((v, row) => (v === f ? testRows : trainRows).push(row));
    const train = selectRows(data.x, trainRows);
    return {
      train,
      yTrain: Int32Array.from(trainRows, (r) => data.y[r]!),
      workspace: new LogisticWorkspace(train, K),
      test: probeProducts(selectRows(data.x, testRows), K),
      yTest: Int32Array.from(testRows, (r) => data.y[r]!),
      model: null,
    };
  });
  const n = data.y.length;
  const d = data.x.cols;
  const work = noWork();
  const sweep: SweepPoint[] = [];
  let best: { point: SweepPoint; models: LogisticModel[] } | null = null;
  let sinceBest = 0;
  for (const c of grid) {
    let correct = 0;
    let loss = 0;
    for (const fold of folds) {
      const fit = fitLogistic({ x: fold.train, y: fold.yTrain, classes: K, c, prior: data.prior }, { ...SWEEP_FIT, start: fold.model, workspace: fold.workspace });
      fold.model = fit.model;
      addFit(work, fit, fold.yTrain.length, d, K);
      const score = heldOut(fit.model, fold);
      work.products++;
      work.multiplyAdds += fold.yTest.length * d * K;
      correct += score.correct;
      loss += score.loss;
      onFit?.();
    }
    const point = { c, accuracy: correct / n, logLoss: loss / n };
    sweep.push(point);
    if (!best || better(point, best.point)) {
      best = { point, models: folds.map((fold) => fold.model!) };
      sinceBest = 0;
    } else if (++sinceBest >= PATIENCE) {
      break;
    }
  }
  return { c: best!.point.c, sweep, folds: foldTotal, start: averageModel(best!.models), work };
}
