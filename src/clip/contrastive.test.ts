import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chanceLoss, contrastiveLoss, crossEntropy, logSumExp } from './contrastive';

/** The textbook formulas, no stabilisation: for moderate logits they must agree with the stable ones. */
function naive(cosines: number[], n: number, scale: number) {
  const at = (r: number, c: number) => Math.exp(scale * cosines[r * n + c]!);
  const rows = Array.from({ length: n }, (_, r) => -Math.log(at(r, r) / Array.from({ length: n }, (_, c) => at(r, c)).reduce((a, b) => a + b)));
  const cols = Array.from({ length: n }, (_, c) => -Math.log(at(c, c) / Array.from({ length: n }, (_, r) => at(r, c)).reduce((a, b) => a + b)));
  const mean = (v: number[]) => v.reduce((a, b) => a + b) / v.length;
  return { rows, cols, symmetric: (mean(rows) + mean(cols)) / 2 };
}

describe('logSumExp', () => {
  it('is log Σ exp, without overflow', () => {
    expect(logSumExp([0, 0])).toBeCloseTo(Math.LN2, 15);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 10);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.LN2, 10);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([5])).toBe(5);
  });
});

describe('crossEntropy', () => {
  it('is −log softmax of the target, precise where the probability rounds to 1 or underflows to 0', () => {
    expect(crossEntropy([0, 0], 0)).toBeCloseTo(Math.LN2, 15);
    expect(crossEntropy([1, 3], 0)).toBeCloseTo(2 + Math.log1p(Math.exp(-2)), 14);
    // A confident right answer: ln(1 + e^−71) = 1.4890e−31, which log-sum-exp minus the logit rounds to 0.
    expect(crossEntropy([71, 0], 0) / Math.exp(-71)).toBeCloseTo(1, 12);
    expect(logSumExp([71, 0]) - 71).toBe(0);
    // A confident wrong answer: 2000 exactly, though e^−2000 underflows.
    expect(crossEntropy([0, 2000], 0)).toBe(2000);
    expect(crossEntropy([], 0)).toBeNaN();
    expect(crossEntropy([1, 2], 2)).toBeNaN();
  });
});

describe('contrastiveLoss', () => {
  it('matches hand-computed values on a 2×2 batch with a tie in one row', () => {
    // Logits (scale 10): row 0 = [5, 5] (a tie), row 1 = [1, 3].
    //   row 0: ln(e^5 + e^5) − 5 = ln 2                    = 0.6931471805599454
    //   row 1: ln(e^1 + e^3) − 3 = ln(1 + e^−2)            = 0.1269280110429727
    //   col 0: ln(e^5 + e^1) − 5 = ln(1 + e^−4)            = 0.0181499279178094
    //   col 1: ln(e^5 + e^3) − 3 = 2 + ln(1 + e^−2)        = 2.1269280110429722
    const loss = contrastiveLoss([0.5, 0.5, 0.1, 0.3], 2, 10);
    expect([...loss.rowLosses]).toEqual([expect.closeTo(0.6931471805599454, 14), expect.closeTo(0.1269280110429727, 14)]);
    expect([...loss.columnLosses]).toEqual([expect.closeTo(0.0181499279178094, 14), expect.closeTo(2.1269280110429722, 14)]);
    expect(loss.imageToText).toBeCloseTo(0.410037595801459, 14);
    expect(loss.textToImage).toBeCloseTo(1.0725389694803908, 14);
    expect(loss.symmetric).toBeCloseTo(0.741288282640925, 14);
    // The tied row splits its probability evenly.
    expect(loss.rowSoftmax[0]).toBeCloseTo(0.5, 15);
    expect(loss.rowSoftmax[1]).toBeCloseTo(0.5, 15);
    expect([...loss.logits]).toEqual([5, 5, expect.closeTo(1, 12), expect.closeTo(3, 12)]);
  });

  it('gives ln N everywhere when all similarities tie', () => {
    const loss = contrastiveLoss(new Array(9).fill(0.2), 3, 100);
    for (const v of [...loss.rowLosses, ...loss.columnLosses]) expect(v).toBeCloseTo(Math.log(3), 14);
    expect(loss.symmetric).toBeCloseTo(chanceLoss(3), 14);
    for (const p of [...loss.rowSoftmax, ...loss.columnSoftmax]) expect(p).toBeCloseTo(1 / 3, 15);
  });

  it('is zero for a batch of one pair, whatever the similarity', () => {
    for (const cosine of [-1, 0, 0.27, 1]) {
      const loss = contrastiveLoss([cosine], 1, 100);
      expect(loss.symmetric).toBe(0);
      expect(loss.imageToText).toBe(0);
      expect(loss.textToImage).toBe(0);
      expect(loss.rowSoftmax[0]).toBe(1);
      expect(loss.columnSoftmax[0]).toBe(1);
    }
    expect(chanceLoss(1)).toBe(0);
  });

  it('stays finite where the plain formula overflows or underflows', () => {
    // Right pairs at an enormous scale: probability 1, loss ln(1 + e^−1000) ≈ 0.
    const right = contrastiveLoss([1, 0, 0, 1], 2, 1000);
    expect(right.symmetric).toBeGreaterThanOrEqual(0);
    expect(right.symmetric).toBeLessThan(1e-300);
    // Right pairs at CLIP's scale with well-separated cosines: tiny but not rounded to 0.
    const confident = contrastiveLoss([0.9, 0.2, 0.2, 0.9], 2, 100);
    expect(confident.symmetric / Math.exp(-70)).toBeCloseTo(1, 9);
    // Wrong pairs: the true caption's probability underflows to 0, but the loss is exactly 1000.
    const wrong = contrastiveLoss([0, 1, 1, 0], 2, 1000);
    expect(wrong.rowSoftmax[0]).toBe(0);
    expect(wrong.symmetric).toBe(1000);
    expect(Number.isFinite(naive([0, 1, 1, 0], 2, 1000).symmetric)).toBe(false); // what the stable form avoids
  });

  it('agrees with the textbook formulas, and rows and columns are each a distribution', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }), fc.double({ min: 1, max: 100, noNaN: true })),
        ),
        ([n, cosines, scale]) => {
          const loss = contrastiveLoss(cosines, n, scale);
          const ref = naive(cosines, n, scale);
          for (let i = 0; i < n; i++) {
            expect(loss.rowLosses[i]).toBeCloseTo(ref.rows[i]!, 9);
            expect(loss.columnLosses[i]).toBeCloseTo(ref.cols[i]!, 9);
            let rowSum = 0;
            let colSum = 0;
            for (let j = 0; j < n; j++) {
              rowSum += loss.rowSoftmax[i * n + j]!;
              colSum += loss.columnSoftmax[j * n + i]!;
            }
            expect(rowSum).toBeCloseTo(1, 12);
            expect(colSum).toBeCloseTo(1, 12);
          }
          expect(loss.symmetric).toBeCloseTo(ref.symmetric, 9);
        },
      ),
    );
  });

  it('swaps its two directions when the matrix is transposed', () => {
    const m = [0.3, 0.1, -0.2, 0.05, 0.25, 0.0, 0.2, 0.15, 0.4];
    const t = [0.3, 0.05, 0.2, 0.1, 0.25, 0.15, -0.2, 0.0, 0.4];
    const a = contrastiveLoss(m, 3, 50);
    const b = contrastiveLoss(t, 3, 50);
    expect(b.imageToText).toBeCloseTo(a.textToImage, 14);
    expect(b.textToImage).toBeCloseTo(a.imageToText, 14);
    expect(b.symmetric).toBeCloseTo(a.symmetric, 14);
  });

  it('rises when the captions of a well-matched batch are shuffled', () => {
    // Diagonal-dominant: each image is closest to its own caption.
    const matched = [0.3, 0.1, 0.12, 0.08, 0.31, 0.1, 0.11, 0.09, 0.29];
    // The same captions in the order (2, 0, 1): column j now holds caption (j + 2) mod 3.
    const shuffled = [0, 1, 2].flatMap((r) => [2, 0, 1].map((c) => matched[r * 3 + c]!));
    expect(contrastiveLoss(shuffled, 3, 100).symmetric).toBeGreaterThan(contrastiveLoss(matched, 3, 100).symmetric + 5);
  });

  it('refuses a malformed batch', () => {
    expect(() => contrastiveLoss([], 0, 100)).toThrow(/at least one pair/);
    expect(() => contrastiveLoss([1, 2, 3], 2, 100)).toThrow(/expected 2×2 = 4 values, got 3/);
    expect(() => contrastiveLoss([1], 1, 0)).toThrow(/positive/);
    expect(() => contrastiveLoss([1], 1, Number.NaN)).toThrow(/positive/);
  });
});
