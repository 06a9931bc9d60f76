import { describe, expect, it } from 'vitest';
import { l2Normalize } from '../../clip';
import type { BatchPair } from './batch';
import { cellValue, contrastiveTable, formatLoss, type CaptionEmbedding } from './matrix';

const pair = (id: number, caption: string, vector: number[]): BatchPair => ({ id, name: `${id}.png`, url: null, embedding: l2Normalize(vector), caption, captionFrom: 'caption' });
const text = (vector: number[], truncated = false): CaptionEmbedding => ({ embedding: l2Normalize(vector), truncated });

const pairs = [pair(1, 'red circle', [1, 0, 0]), pair(2, 'blue square', [0, 1, 0])];
const captions = new Map([
  ['red circle', text([0.8, 0.6, 0])],
  ['blue square', text([0, 0.6, 0.8], true)],
]);

describe('contrastiveTable', () => {
  it('puts image i against caption j, in the order asked, with the loss of that batch', () => {
    const sorted = contrastiveTable(pairs, captions, null, 10)!;
    expect(sorted.columns).toEqual([
      { pair: 0, caption: 'red circle', truncated: false },
      { pair: 1, caption: 'blue square', truncated: true },
    ]);
    // Image 1 · caption 1 = 0.8, image 1 · caption 2 = 0, image 2 · caption 1 = 0.6, image 2 · caption 2 = 0.6.
    expect([...sorted.cosines]).toEqual([expect.closeTo(0.8, 6), 0, expect.closeTo(0.6, 6), expect.closeTo(0.6, 6)]);
    expect(sorted.loss.rowLosses[1]).toBeCloseTo(Math.LN2, 6); // a tie in row 2
    expect(cellValue(sorted, 'cosine', 1, 0)).toBeCloseTo(0.6, 6);
    expect(cellValue(sorted, 'image-to-text', 1, 0)).toBeCloseTo(0.5, 6);
    expect(cellValue(sorted, 'text-to-image', 0, 0)).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);

    const swapped = contrastiveTable(pairs, captions, [1, 0], 10)!;
    expect(swapped.columns.map((c) => c.caption)).toEqual(['blue square', 'red circle']);
    expect(swapped.loss.symmetric).toBeGreaterThan(sorted.loss.symmetric);
  });

  it('waits for missing captions and ignores an order that is not a permutation of the batch', () => {
    expect(contrastiveTable(pairs, new Map([['red circle', text([1, 0, 0])]]), null, 100)).toBeNull();
    expect(contrastiveTable([], captions, null, 100)).toBeNull();
    expect(contrastiveTable(pairs, captions, [0, 0], 100)!.columns.map((c) => c.pair)).toEqual([0, 1]);
    expect(contrastiveTable(pairs, captions, [1, 0, 2], 100)!.columns.map((c) => c.pair)).toEqual([0, 1]);
  });

  it('refuses to compare embeddings of different sizes (two models)', () => {
    expect(contrastiveTable(pairs, new Map([...captions, ['red circle', text([1, 0])]]), null, 100)).toBeNull();
  });
});

describe('formatLoss', () => {
  it('prints three decimals, and tiny losses in scientific notation rather than as 0', () => {
    expect(formatLoss(0)).toBe('0.000');
    expect(formatLoss(1.3862943)).toBe('1.386');
    expect(formatLoss(42.5)).toBe('42.500');
    expect(formatLoss(5.7734e-5)).toBe('5.8e-5');
    expect(formatLoss(3e-41)).toBe('3.0e-41');
  });
});
