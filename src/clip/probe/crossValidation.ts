/**
 * Choosing the regularisation strength C by cross-validation on the training data, as the CLIP
 * paper's probes do (a sweep of λ on validation splits; here a grid of C, stratified folds). For
 * each fold the grid is walked from strong to weak regularisation, each fit starting from the
 * previous one (a warm start: neighbouring solutions are close, so each costs a few iterations).
 */
import { fitLogistic, predictProba, selectRows, type LogisticModel, type Matrix } from './logistic';
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

/** Tolerances: the sweep only needs each C's validation accuracy; the final fit converges fully. */
export const SWEEP_FIT = { gradientTolerance: 1e-5, maxIterations: 200 } as const;
export const FINAL_FIT = { gradientTolerance: 1e-7, maxIterations: 1000 } as const;

export interface SweepPoint {
  c: number;
  /** Mean validation accuracy over the folds. */
  accuracy: number;
  /** Mean validation cross-entropy (the tie-breaker). */
  logLoss: number;
}

export interface CvChoice {
  c: number;
  /** Null when C was not cross-validated (too few examples). */
  sweep: SweepPoint[] | null;
  folds: number;
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

export function chooseC(data: ProbeData, options: { grid?: readonly number[]; seed?: number; onFit?: () => void } = {}): CvChoice {
  const { grid = DEFAULT_C_GRID, seed = 1, onFit } = options;
  const folds = foldCount(data.y, data.classes);
  if (folds < 2) return { c: data.prior ? FALLBACK_C_WITH_PRIOR : FALLBACK_C, sweep: null, folds: 0 };
  const fold = stratifiedFolds(data.y, data.classes, folds, seededRandom(seed));
  const correct = new Float64Array(grid.length);
  const loss = new Float64Array(grid.length);
  for (let f = 0; f < folds; f++) {
    const trainRows: number[] = [];
    const testRows: number[] = [];
    fold.forEach((v, row) => (v === f ? testRows : trainRows).push(row));
    const train = selectRows(data.x, trainRows);
    const test = selectRows(data.x, testRows);
    const yTrain = Int32Array.from(trainRows, (r) => data.y[r]!);
    let start: LogisticModel | null = null;
    grid.forEach((c, g) => {
      const fit = fitLogistic({ x: train, y: yTrain, classes: data.classes, c, prior: data.prior }, { ...SWEEP_FIT, start });
      start = fit.model;
      const proba = predictProba(fit.model, test);
      testRows.forEach((row, i) => {
        const truth = data.y[row]!;
        let best = 0;
        for (let k = 1; k < data.classes; k++) if (proba[i * data.classes + k]! > proba[i * data.classes + best]!) best = k;
        if (best === truth) correct[g]!++;
        loss[g]! -= Math.log(Math.max(proba[i * data.classes + truth]!, 1e-300));
      });
      onFit?.();
    });
  }
  const n = data.y.length;
  const sweep = grid.map((c, g) => ({ c, accuracy: correct[g]! / n, logLoss: loss[g]! / n }));
  // Best accuracy; among equals the lower validation loss; among equals still, the stronger regularisation.
  let best = sweep[0]!;
  for (const point of sweep.slice(1)) {
    if (point.accuracy > best.accuracy + 1e-12 || (Math.abs(point.accuracy - best.accuracy) <= 1e-12 && point.logLoss < best.logLoss - 1e-12)) best = point;
  }
  return { c: best.c, sweep, folds };
}
