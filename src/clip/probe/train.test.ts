import { describe, expect, it } from 'vitest';
import { chooseC, FALLBACK_C } from './crossValidation';
import { normalisedMatrix } from './logistic';
import { kShotSplit, seededRandom, stratifiedFolds } from './random';
import { domainShift, kShotCurve, shotCounts, trainProbe, type ProbeInput } from './train';

/** Clustered embeddings: one random unit direction per class plus noise; `shift` moves a second domain. */
function clusters(options: { classes: number; perClass: number; dim: number; noise: number; seed: number }): ProbeInput & { centres: Float32Array } {
  const { classes, perClass, dim, noise, seed } = options;
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = new Float32Array(classes * dim).map(gauss);
  const n = classes * perClass;
  const embeddings = new Float32Array(n * dim);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % classes;
    for (let j = 0; j < dim; j++) embeddings[i * dim + j] = centres[y[i]! * dim + j]! + noise * gauss();
  }
  return { embeddings, dim, y, classes: Array.from({ length: classes }, (_, k) => `class ${k}`), zeroShot: null, centres };
}

describe('splits', () => {
  it('stratified folds put every class in every fold when it has enough rows, with even sizes', () => {
    const y = Int32Array.from({ length: 31 }, (_, i) => i % 4);
    const fold = stratifiedFolds(y, 4, 3, seededRandom(7));
    for (let f = 0; f < 3; f++) {
      const rows = [...fold.keys()].filter((r) => fold[r] === f);
      expect(rows.length).toBeGreaterThanOrEqual(10);
      expect(new Set(rows.map((r) => y[r])).size).toBe(4);
    }
  });

  it('a k-shot split takes k of each class and tests on the rest; the same seed gives the same split', () => {
    const y = Int32Array.from({ length: 20 }, (_, i) => i % 2);
    const a = kShotSplit(y, 2, 3, seededRandom(5));
    expect(a.train.length).toBe(6);
    expect(a.test.length).toBe(14);
    expect(a.train.filter((r) => y[r] === 0).length).toBe(3);
    expect(kShotSplit(y, 2, 3, seededRandom(5))).toEqual(a);
    expect(kShotSplit(y, 2, 3, seededRandom(6))).not.toEqual(a);
  });

  it('k runs 1, 2, 4 … while every class keeps an image to test on', () => {
    expect(shotCounts(Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]), 2)).toEqual([1, 2, 4, 8]);
    expect(shotCounts(Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1, 1]), 2)).toEqual([1, 2]);
    expect(shotCounts(Int32Array.from([0, 1, 1]), 2)).toEqual([]);
  });
});

describe('training', () => {
  it('a probe separates well-separated clusters, choosing C by cross-validation', () => {
    const data = clusters({ classes: 5, perClass: 12, dim: 16, noise: 0.3, seed: 3 });
    const probe = trainProbe(data, 'zero');
    expect(probe.folds).toBe(3);
    expect(probe.sweep).toHaveLength(7);
    expect(probe.sweep!.find((p) => p.c === probe.c)!.accuracy).toBe(Math.max(...probe.sweep!.map((p) => p.accuracy)));
    expect(probe.weights).toHaveLength(5 * 16);
  });

  it('with one image per class it cannot cross-validate and uses the fallback C', () => {
    const data = clusters({ classes: 3, perClass: 1, dim: 8, noise: 0.1, seed: 1 });
    const choice = chooseC({ x: normalisedMatrix([0, 1, 2].map((r) => data.embeddings.subarray(r * 8, r * 8 + 8)), 8), y: data.y, classes: 3, prior: null });
    expect(choice).toMatchObject({ c: FALLBACK_C, sweep: null, folds: 0, start: null });
  });

  it('refuses a class with no example', () => {
    const data = clusters({ classes: 3, perClass: 2, dim: 4, noise: 0.1, seed: 1 });
    expect(() => trainProbe({ ...data, classes: [...data.classes, 'empty'] }, 'zero')).toThrow(/no example of "empty"/);
  });

  it('the k-shot curve rises with k; started from good zero-shot weights, one shot is already near zero-shot and far above the probe started from zero', () => {
    const data = clusters({ classes: 4, perClass: 12, dim: 12, noise: 1.2, seed: 11 });
    // A zero-shot classifier that knows the true centres (what a good text embedding would be).
    const zeroShot = new Float32Array(data.centres.length);
    for (let k = 0; k < 4; k++) {
      let norm = 0;
      for (let j = 0; j < 12; j++) norm += data.centres[k * 12 + j]! ** 2;
      for (let j = 0; j < 12; j++) zeroShot[k * 12 + j] = (20 * data.centres[k * 12 + j]!) / Math.sqrt(norm);
    }
    const zsPredictions = Int32Array.from({ length: data.y.length }, (_, r) => {
      let best = 0;
      let bestScore = -Infinity;
      for (let k = 0; k < 4; k++) {
        let s = 0;
        for (let j = 0; j < 12; j++) s += zeroShot[k * 12 + j]! * data.embeddings[r * 12 + j]!;
        if (s > bestScore) [best, bestScore] = [k, s];
      }
      return best;
    });
    const input = { ...data, zeroShot };
    const plain = kShotCurve(input, zsPredictions, { start: 'zero', splits: 4 });
    expect(plain.points.map((p) => p.k)).toEqual([1, 2, 4, 8]);
    const first = plain.points[0]!;
    const last = plain.points.at(-1)!;
    expect(last.accuracy).toBeGreaterThan(first.accuracy);
    expect(first.accuracies).toHaveLength(4);
    const fromZeroShot = kShotCurve(input, zsPredictions, { start: 'zero-shot', splits: 4 });
    expect(fromZeroShot.points[0]!.accuracy).toBeGreaterThanOrEqual(fromZeroShot.points[0]!.zeroShot - 0.15);
    expect(fromZeroShot.points[0]!.accuracy).toBeGreaterThan(first.accuracy + 0.1);
    // Deterministic: the same seed gives the same curve.
    expect(kShotCurve(input, zsPredictions, { start: 'zero', splits: 4 })).toEqual(plain);
  });

  it('the shift table: a probe trained on one domain loses accuracy on a shifted one', () => {
    const a = clusters({ classes: 3, perClass: 10, dim: 10, noise: 0.4, seed: 21 });
    // Domain "shifted": same classes, embeddings moved by a large common offset plus a class swap of directions.
    const n = a.y.length;
    const embeddings = new Float32Array(2 * n * 10);
    embeddings.set(a.embeddings);
    for (let i = 0; i < n; i++) for (let j = 0; j < 10; j++) embeddings[(n + i) * 10 + j] = a.embeddings[i * 10 + ((j + 3) % 10)]! + 1.5;
    const y = Int32Array.from([...a.y, ...a.y]);
    const domains = [...Array<string>(n).fill('photo'), ...Array<string>(n).fill('shifted')];
    const result = domainShift({ embeddings, dim: 10, y, classes: a.classes, zeroShot: null }, domains, 'photo');
    const photo = result.rows.find((r) => r.domain === 'photo')!;
    const shifted = result.rows.find((r) => r.domain === 'shifted')!;
    expect(photo.images).toBe(30);
    expect(photo.probeTested).toBe(15);
    expect(shifted.probeTested).toBe(30);
    expect(result.trainImages).toBe(15);
    expect(photo.probeCorrect / photo.probeTested).toBeGreaterThan(0.9);
    expect(shifted.probeCorrect / shifted.probeTested).toBeLessThan(0.8);
  });
});
