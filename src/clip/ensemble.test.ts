import { describe, expect, it } from 'vitest';
import { averageEmbeddings, ENSEMBLE_TEMPLATES, ensemblePrompts } from './ensemble';

function expectClose(actual: Float32Array, expected: number[], digits = 6): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => expect(actual[i], `index ${i}`).toBeCloseTo(value, digits));
}

describe('ENSEMBLE_TEMPLATES', () => {
  it('has 8 to 12 distinct templates, each with exactly one {}', () => {
    expect(ENSEMBLE_TEMPLATES.length).toBeGreaterThanOrEqual(8);
    expect(ENSEMBLE_TEMPLATES.length).toBeLessThanOrEqual(12);
    expect(new Set(ENSEMBLE_TEMPLATES).size).toBe(ENSEMBLE_TEMPLATES.length);
    for (const template of ENSEMBLE_TEMPLATES) expect(template.split('{}')).toHaveLength(2);
  });
});

describe('ensemblePrompts', () => {
  it('is label-major: all templates of the first label, then the next', () => {
    expect(ensemblePrompts(['cat', 'dog'], ['a photo of a {}.', 'a drawing of a {}.'])).toEqual([
      'a photo of a cat.',
      'a drawing of a cat.',
      'a photo of a dog.',
      'a drawing of a dog.',
    ]);
  });

  it('replaces every {}, appends to a template without one, and uses the bare label for a blank one', () => {
    expect(ensemblePrompts(['x'], ['{} and {}', 'a photo of', '  '])).toEqual(['x and x', 'a photo of x', 'x']);
  });

  it('gives labels × templates prompts, none for no labels or no templates', () => {
    expect(ensemblePrompts(['a', 'b', 'c'], ENSEMBLE_TEMPLATES)).toHaveLength(3 * ENSEMBLE_TEMPLATES.length);
    expect(ensemblePrompts([], ENSEMBLE_TEMPLATES)).toEqual([]);
    expect(ensemblePrompts(['a'], [])).toEqual([]);
  });
});

describe('averageEmbeddings', () => {
  it('averages unit vectors and renormalises: (1,0) and (0,1) give (1,1)/√2', () => {
    const out = averageEmbeddings(new Float32Array([1, 0, 0, 1]), 1, 2, 2);
    expectClose(out, [Math.SQRT1_2, Math.SQRT1_2]);
  });

  it('normalises each prompt embedding first, so a long vector does not dominate', () => {
    // (10,0) and (0,1): a plain mean would point almost along x; CLIP's recipe gives the diagonal.
    const out = averageEmbeddings(new Float32Array([10, 0, 0, 1]), 1, 2, 2);
    expectClose(out, [Math.SQRT1_2, Math.SQRT1_2]);
  });

  it('keeps labels apart, in order (dim 3, 2 labels × 2 templates)', () => {
    const embeddings = new Float32Array([
      // label 0: (3,0,4)/5 and (0,0,2)/2 → mean (0.3, 0, 0.9) → /|.| = (1, 0, 3)/√10
      3, 0, 4, 0, 0, 2,
      // label 1: (0,5,0) and (0,-1,0) cancel to zero: stays zero, not NaN
      0, 5, 0, 0, -1, 0,
    ]);
    const out = averageEmbeddings(embeddings, 2, 2, 3);
    expectClose(out, [1 / Math.sqrt(10), 0, 3 / Math.sqrt(10), 0, 0, 0]);
  });

  it('skips zero prompt embeddings instead of producing NaN', () => {
    const out = averageEmbeddings(new Float32Array([0, 0, 0, 2]), 1, 2, 2);
    expectClose(out, [0, 1]);
  });

  it('with one template is plain normalisation', () => {
    const out = averageEmbeddings(new Float32Array([3, 4, 0, -2]), 2, 1, 2);
    expectClose(out, [0.6, 0.8, 0, -1]);
  });

  it('returns unit rows', () => {
    const embeddings = Float32Array.from({ length: 4 * 11 * 8 }, (_, i) => Math.sin(i * 1.7) + 0.1 * i);
    const out = averageEmbeddings(embeddings, 4, 11, 8);
    for (let label = 0; label < 4; label++) {
      const row = out.subarray(label * 8, (label + 1) * 8);
      expect(Math.hypot(...row)).toBeCloseTo(1, 6);
    }
  });

  it('rejects a size that does not match the shape', () => {
    expect(() => averageEmbeddings(new Float32Array(5), 1, 2, 2)).toThrow(/expected 1×2×2 = 4 values, got 5/);
    expect(() => averageEmbeddings(new Float32Array(0), -1, 2, 2)).toThrow(/labelCount/);
  });
});
