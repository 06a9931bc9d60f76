import { describe, expect, it } from 'vitest';
import { CLIP_LOGIT_SCALE, softmax } from '../../clip';
import { rankLabels } from '../gallery/scores';
import { colourRange, formatValue, rowBest, similarityTable, stackRows, tableValues, cellValue } from './matrix';
import { flatten, unitVectors } from './testVectors';

const dim = 16;
const images = unitVectors(4, dim, 1);
const labelRows = unitVectors(7, dim, 2);
const labels = flatten(labelRows);
const table = similarityTable(images, labels, labelRows.length, dim, CLIP_LOGIT_SCALE);

describe('similarityTable', () => {
  it('has a row per image and a column per label', () => {
    expect(table.rows).toBe(4);
    expect(table.cols).toBe(7);
    expect(table.cosines).toHaveLength(28);
    expect(table.probabilities).toHaveLength(28);
  });

  it('gives cosines as dot products of the unit vectors', () => {
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 7; c++) {
        const dot = images[r]!.reduce((s, v, k) => s + v * labelRows[c]![k]!, 0);
        expect(cellValue(table, 'cosine', r, c)).toBeCloseTo(dot, 6);
      }
    }
  });

  it('gives exactly the gallery numbers: the same cosines and softmax(100 × cosine) per image', () => {
    const encoded = { labels: labelRows.map((_, i) => `label ${i}`), embeddings: labels, dim, truncated: labelRows.map(() => false), logitScale: CLIP_LOGIT_SCALE };
    images.forEach((image, r) => {
      for (const score of rankLabels(image, encoded, 7)) {
        const c = Number(score.label.split(' ')[1]);
        expect(cellValue(table, 'cosine', r, c)).toBe(score.cosine);
        expect(cellValue(table, 'probability', r, c)).toBe(score.probability);
      }
    });
  });

  it('uses the logit scale it is given: a smaller scale gives flatter probabilities', () => {
    const flat = similarityTable(images, labels, labelRows.length, dim, 10);
    expect(flat.cosines).toEqual(table.cosines);
    expect(Array.from(flat.probabilities.subarray(0, 7))).toEqual(Array.from(softmax(table.cosines.subarray(0, 7), 10)));
    expect(Math.max(...flat.probabilities.subarray(0, 7))).toBeLessThan(Math.max(...table.probabilities.subarray(0, 7)));
  });

  it('makes each row of probabilities sum to 1 and keep the order of the cosines', () => {
    for (let r = 0; r < 4; r++) {
      const row = Array.from(table.probabilities.subarray(r * 7, (r + 1) * 7));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      const cosines = Array.from(table.cosines.subarray(r * 7, (r + 1) * 7));
      const byCosine = cosines.map((_, i) => i).sort((a, b) => cosines[b]! - cosines[a]!);
      const byProbability = row.map((_, i) => i).sort((a, b) => row[b]! - row[a]!);
      expect(byProbability).toEqual(byCosine);
    }
  });

  it('copes with no images and checks the shapes', () => {
    const empty = similarityTable([], labels, 7, dim, CLIP_LOGIT_SCALE);
    expect(empty.rows).toBe(0);
    expect(empty.cosines).toHaveLength(0);
    expect(() => similarityTable([new Float32Array(3)], labels, 7, dim, CLIP_LOGIT_SCALE)).toThrow(/expected 16/);
    expect(() => stackRows([new Float32Array(2)], 3)).toThrow();
    expect(tableValues(table, 'cosine')).toBe(table.cosines);
    expect(tableValues(table, 'probability')).toBe(table.probabilities);
  });
});

describe('colourRange', () => {
  it('spans the cosines of the shown columns, and 0..1 for probabilities', () => {
    const all = Array.from(table.cosines);
    expect(colourRange(table, 'cosine')).toEqual({ min: Math.min(...all), max: Math.max(...all) });
    const firstTwo = all.filter((_, i) => i % 7 < 2);
    expect(colourRange(table, 'cosine', 2)).toEqual({ min: Math.min(...firstTwo), max: Math.max(...firstTwo) });
    expect(colourRange(table, 'probability')).toEqual({ min: 0, max: 1 });
    expect(colourRange(similarityTable([], labels, 7, dim, CLIP_LOGIT_SCALE), 'cosine')).toEqual({ min: 0, max: 0 });
  });
});

describe('rowBest', () => {
  it("is the column of the row's highest cosine, the first on ties", () => {
    for (let r = 0; r < 4; r++) {
      const row = Array.from(table.cosines.subarray(r * 7, (r + 1) * 7));
      expect(rowBest(table, r)).toBe(row.indexOf(Math.max(...row)));
    }
    const tied = { rows: 1, cols: 3, cosines: Float32Array.of(0.1, 0.3, 0.3), probabilities: new Float32Array(3) };
    expect(rowBest(tied, 0)).toBe(1);
  });
});

describe('formatValue', () => {
  it('prints cosines with 2 decimals, never as -0.00', () => {
    expect(formatValue(0.2567, 'cosine')).toBe('0.26');
    expect(formatValue(-0.123, 'cosine')).toBe('-0.12');
    expect(formatValue(-0.001, 'cosine')).toBe('0.00');
    expect(formatValue(1, 'cosine')).toBe('1.00');
  });

  it('prints probabilities as the gallery does', () => {
    expect(formatValue(0.5, 'probability')).toBe('50%');
    expect(formatValue(0.0123, 'probability')).toBe('1.2%');
    expect(formatValue(0.00001, 'probability')).toBe('<0.1%');
    expect(formatValue(0, 'probability')).toBe('0%');
  });
});
