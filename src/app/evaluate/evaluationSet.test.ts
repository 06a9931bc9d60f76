import { describe, expect, it } from 'vitest';
import type { GalleryItem } from '../state/galleryStore';
import type { LabelEmbeddings } from '../state/labelStore';
import { evaluationSet } from './evaluationSet';
import { buildProbeInput } from './probeInput';

const labels: LabelEmbeddings = {
  labels: ['cat', 'dog'],
  embeddings: Float32Array.from([1, 0, 0, 1]),
  dim: 2,
  truncated: [false, false],
  logitScale: 100,
  generation: 3,
  key: 'k',
  setup: { labelsText: 'cat\ndog', template: 'a photo of a {}.', preset: null, ensemble: false },
};

function item(id: number, name: string, embedding: number[] | null, extra: Partial<GalleryItem> = {}): GalleryItem {
  return {
    id,
    name,
    origin: 'file',
    truth: null,
    domain: null,
    caption: null,
    url: null,
    status: embedding ? 'done' : 'pending',
    embedding: embedding ? Float32Array.from(embedding) : undefined,
    generation: 3,
    file: new Blob(),
    ...extra,
  };
}

describe('the evaluation set', () => {
  it('takes images with a true label among the labels, predicted as their cards rank them, and counts the others by reason', () => {
    const items = [
      item(1, 'cat_01.png', [0.9, 0.1]), // file name → cat, right
      item(2, 'x.png', [0.9, 0.1], { truth: { label: 'dog', from: 'folder' } }), // wrong
      item(3, 'y.png', [0.2, 0.8]), // no truth
      item(4, 'z.png', [0.2, 0.8], { truth: { label: 'horse', from: 'folder' } }), // not a label
      item(5, 'w.png', null), // pending
      item(6, 'bad.txt', null, { status: 'error', error: { kind: 'not-image', message: 'no' } }),
      item(7, 'old.png', [1, 0], { generation: 2, truth: { label: 'cat', from: 'hand' } }), // previous model: waiting
    ];
    const { rows, excluded } = evaluationSet(items, labels, 3);
    expect(rows.map((r) => [r.id, r.truth, r.truthFrom, r.predicted, r.correct, r.inTop5])).toEqual([
      [1, 'cat', 'file name', 'cat', true, true],
      [2, 'dog', 'folder', 'cat', false, true],
    ]);
    expect(excluded).toEqual({ noTruth: 1, notALabel: [{ label: 'horse', images: 1 }], waiting: 2, failed: 1 });
  });

  it('probe input: classes with examples in label order, the zero-shot prior scaled, zero-shot predictions among those classes', () => {
    const built = buildProbeInput(
      [
        { embedding: Float32Array.from([0.1, 0.9]), label: 'dog' },
        { embedding: Float32Array.from([0.8, 0.2]), label: 'cat' },
        { embedding: Float32Array.from([0.7, 0.3]), label: 'dog' },
      ],
      labels,
    );
    expect(built.input.classes).toEqual(['cat', 'dog']);
    expect(Array.from(built.input.y)).toEqual([1, 0, 1]);
    expect(Array.from(built.input.zeroShot!)).toEqual([100, 0, 0, 100]);
    expect(Array.from(built.zeroShotPredictions)).toEqual([1, 0, 0]);
    expect(built.perClass).toEqual([1, 2]);
  });
});
