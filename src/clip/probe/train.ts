/**
 * The probe's jobs, as the worker runs them: train one probe (C by cross-validation, then a final
 * fit on all the data), draw the k-shot curve, and fill the distribution-shift table. Inputs are
 * plain arrays (what crosses to a worker); embeddings are L2-normalised here, in Float64.
 */
import { addFit, chooseC, cvFitCount, DEFAULT_C_GRID, FINAL_FIT, noWork, type SweepPoint, type Work } from './crossValidation';
import { fitLogistic, normalisedMatrix, predict, selectRows, type Matrix } from './logistic';
import { indicesByClass, kShotSplit, seededRandom } from './random';

export interface ProbeInput {
  /** n × dim image embeddings, row-major (any norm: rows are normalised here). */
  embeddings: Float32Array;
  dim: number;
  /** Class index of each row. */
  y: Int32Array;
  /** Class names; y indexes them. */
  classes: string[];
  /**
   * The zero-shot classifier for these classes (K × dim, the label embeddings times the logit
   * scale): the probe's prior when `start` is 'zero-shot'.
   */
  zeroShot: Float32Array | null;
  seed?: number;
}

export type ProbeStart = 'zero' | 'zero-shot';

export interface TrainedProbe {
  classes: string[];
  dim: number;
  /** K × dim, row-major; applied to L2-normalised embeddings. */
  weights: Float64Array;
  intercepts: Float64Array;
  c: number;
  start: ProbeStart;
  /** The cross-validation sweep (null when there were too few examples to cross-validate). */
  sweep: SweepPoint[] | null;
  folds: number;
  examples: number;
  /** What training computed: the sweep (all folds and C values) and the final fit. */
  work: { sweep: Work; final: Work };
}

export type Progress = (done: number, total: number) => void;

function rowsOf(input: ProbeInput): Matrix {
  const n = input.y.length;
  if (input.embeddings.length !== n * input.dim) throw new Error(`probe: ${input.embeddings.length} values for ${n} rows of ${input.dim}`);
  const rows = Array.from({ length: n }, (_, r) => input.embeddings.subarray(r * input.dim, (r + 1) * input.dim));
  return normalisedMatrix(rows, input.dim);
}

function priorOf(input: ProbeInput, start: ProbeStart, classRows?: readonly number[]): Float64Array | null {
  if (start === 'zero' || !input.zeroShot) return null;
  const K = classRows?.length ?? input.classes.length;
  const prior = new Float64Array(K * input.dim);
  for (let k = 0; k < K; k++) {
    const source = classRows ? classRows[k]! : k;
    for (let j = 0; j < input.dim; j++) prior[k * input.dim + j] = input.zeroShot[source * input.dim + j]!;
  }
  return prior;
}

/** One probe on all of `input`: C by cross-validation, then the final fit. */
export function trainProbe(input: ProbeInput, start: ProbeStart, onProgress?: Progress): TrainedProbe {
  const x = rowsOf(input);
  return trainOn(x, input.y, input.classes, priorOf(input, start), start, input.seed ?? 1, onProgress);
}

function trainOn(x: Matrix, y: Int32Array, classes: string[], prior: Float64Array | null, start: ProbeStart, seed: number, onProgress?: Progress): TrainedProbe {
  const K = classes.length;
  const empty = indicesByClass(y, K).findIndex((rows) => rows.length === 0);
  if (empty >= 0) throw new Error(`probe: no example of "${classes[empty]}"`);
  const total = cvFitCount(y, K) + 1;
  let done = 0;
  const tick = () => onProgress?.(++done, total);
  const choice = chooseC({ x, y, classes: K, prior }, { seed, onFit: tick });
  const fit = fitLogistic({ x, y, classes: K, c: choice.c, prior }, { ...FINAL_FIT, start: choice.start });
  tick();
  const final = noWork();
  addFit(final, fit, y.length, x.cols, K);
  return { classes, dim: x.cols, weights: fit.model.weights, intercepts: fit.model.intercepts, c: choice.c, start, sweep: choice.sweep, folds: choice.folds, examples: y.length, work: { sweep: choice.work, final } };
}

export interface KShotPoint {
  k: number;
  /** Mean held-out accuracy of the probe over the splits. */
  accuracy: number;
  /** Per split. */
  accuracies: number[];
  /** Zero-shot accuracy on the same held-out images (mean over the splits). */
  zeroShot: number;
  /** The C chosen, per split. */
  cs: number[];
  testImages: number;
}

export interface KShotCurve {
  start: ProbeStart;
  splits: number;
  points: KShotPoint[];
}

/** k = 1, 2, 4, 8 … while every class keeps at least one image to test on. */
export function shotCounts(y: ArrayLike<number>, classes: number, limit = 1024): number[] {
  const smallest = Math.min(...indicesByClass(y, classes).map((rows) => rows.length));
  const ks: number[] = [];
  for (let k = 1; k <= Math.min(limit, smallest - 1); k *= 2) ks.push(k);
  return ks;
}

export function kShotFitCount(y: ArrayLike<number>, classes: number, splits: number): number {
  let total = 0;
  for (const k of shotCounts(y, classes)) {
    const yk = Int32Array.from({ length: classes * k }, (_, i) => Math.floor(i / k));
    total += splits * (cvFitCount(yk, classes, DEFAULT_C_GRID) + 1);
  }
  return total;
}

/**
 * The k-shot curve: for each k, `splits` seeded random splits with k training images per class
 * and the rest held out; C chosen by cross-validation inside the k training images (when k ≥ 2).
 * `zeroShotPredictions` are the zero-shot classes of each row (among the same classes).
 */
export function kShotCurve(input: ProbeInput, zeroShotPredictions: Int32Array, options: { start: ProbeStart; splits: number; onProgress?: Progress }): KShotCurve {
  const { start, splits, onProgress } = options;
  const x = rowsOf(input);
  const K = input.classes.length;
  const prior = priorOf(input, start);
  const random = seededRandom(input.seed ?? 1);
  const total = kShotFitCount(input.y, K, splits);
  let done = 0;
  const points: KShotPoint[] = [];
  for (const k of shotCounts(input.y, K)) {
    const accuracies: number[] = [];
    const zeroShot: number[] = [];
    const cs: number[] = [];
    let testImages = 0;
    for (let s = 0; s < splits; s++) {
      const { train, test } = kShotSplit(input.y, K, k, random);
      const yTrain = Int32Array.from(train, (r) => input.y[r]!);
      const probe = trainOn(selectRows(x, train), yTrain, input.classes, prior, start, input.seed ?? 1, () => onProgress?.(++done, total));
      const predicted = predict({ weights: probe.weights, intercepts: probe.intercepts, classes: K, dim: x.cols }, selectRows(x, test));
      let right = 0;
      let zsRight = 0;
      test.forEach((row, i) => {
        if (predicted[i] === input.y[row]) right++;
        if (zeroShotPredictions[row] === input.y[row]) zsRight++;
      });
      accuracies.push(right / test.length);
      zeroShot.push(zsRight / test.length);
      cs.push(probe.c);
      testImages = test.length;
    }
    points.push({ k, accuracy: mean(accuracies), accuracies, zeroShot: mean(zeroShot), cs, testImages });
  }
  return { start, splits, points };
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
}

export interface ShiftRow {
  domain: string;
  /** Images of this domain whose class the probe knows. */
  images: number;
  /** Images the probe was tested on (the held-out half for the training domain). */
  probeTested: number;
  probeCorrect: number;
}

export interface ShiftResult {
  trainDomain: string;
  trainImages: number;
  c: number;
  rows: ShiftRow[];
  /** Images of other domains left out because their class has no training image. */
  unknownClass: number;
}

/**
 * The distribution-shift table's probe column: a probe trained on one domain only (half its
 * images, chosen at random per class; the other half tests it), then applied to every domain.
 */
export function domainShift(input: ProbeInput, domains: readonly string[], trainDomain: string, onProgress?: Progress): ShiftResult {
  const x = rowsOf(input);
  const K = input.classes.length;
  const random = seededRandom(input.seed ?? 1);
  const inDomain = domains.map((d) => d === trainDomain);
  // Classes the training domain has at least two images of (one to train, one to test).
  const domainRows = indicesByClass(input.y, K).map((rows) => rows.filter((r) => inDomain[r]));
  const known = domainRows.map((rows, k) => (rows.length >= 2 ? k : -1)).filter((k) => k >= 0);
  if (known.length < 2) throw new Error(`the domain "${trainDomain}" needs at least two images in each of two classes to train a probe`);
  const remap = new Int32Array(K).fill(-1);
  known.forEach((k, i) => (remap[k] = i));
  const train: number[] = [];
  const heldOut = new Set<number>();
  for (const k of known) {
    const rows = [...domainRows[k]!];
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const half = Math.max(1, Math.floor(rows.length / 2));
    train.push(...rows.slice(0, half));
    rows.slice(half).forEach((r) => heldOut.add(r));
  }
  train.sort((a, b) => a - b);
  const yTrain = Int32Array.from(train, (r) => remap[input.y[r]!]!);
  const probe = trainOn(selectRows(x, train), yTrain, known.map((k) => input.classes[k]!), priorOf(input, 'zero', known), 'zero', input.seed ?? 1, onProgress);
  const model = { weights: probe.weights, intercepts: probe.intercepts, classes: known.length, dim: x.cols };
  const predicted = predict(model, x);
  const rows = new Map<string, ShiftRow>();
  let unknownClass = 0;
  domains.forEach((domain, r) => {
    if (remap[input.y[r]!] === -1) {
      unknownClass++;
      return;
    }
    const row = rows.get(domain) ?? { domain, images: 0, probeTested: 0, probeCorrect: 0 };
    row.images++;
    const tested = domain !== trainDomain || heldOut.has(r);
    if (tested) {
      row.probeTested++;
      if (predicted[r] === remap[input.y[r]!]) row.probeCorrect++;
    }
    rows.set(domain, row);
  });
  return { trainDomain, trainImages: train.length, c: probe.c, rows: [...rows.values()], unknownClass };
}
