/**
 * Golden values, as transformers.js checks its models: the bundled model's zero-shot scores for
 * fixed drawn pictures against fixed label sets, through the worker's own path (PNG decoding,
 * preprocessing, batched text encoding, onnxruntime), equal to 4 decimals to scores computed
 * independently in Python (src/clip/testing/zeroShotGolden.ts says how).
 */
import { describe, expect, it } from 'vitest';
import { cosineMatrix, softmax } from '../../src/clip';
import { GOLDEN_LABEL_SETS, GOLDEN_PICTURES, goldenPng, ZERO_SHOT_GOLDEN, type GoldenTowers } from '../../src/clip/testing/zeroShotGolden';
import { loadBundledModel } from '../testing/nodeModel';

describe.each(['fp32', 'q8'] as GoldenTowers[])('zero-shot scores of the bundled model, %s towers', (towers) => {
  const golden = ZERO_SHOT_GOLDEN.towers[towers].scores;

  it('match the golden values to 4 decimals', async () => {
    const model = await loadBundledModel({ precision: towers });
    try {
      expect(model.info).toMatchObject({ precision: towers, visionPrecision: towers });
      const images = await model.encodeImages(GOLDEN_PICTURES.map((p) => ({ name: p.name, blob: new Blob([goldenPng(p) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) })));
      for (const set of GOLDEN_LABEL_SETS) {
        const texts = await model.encodeTexts([...set.texts]);
        images.results.forEach((result, i) => {
          if (!result.ok) throw new Error(result.error.message);
          const picture = GOLDEN_PICTURES[i]!.name;
          const scores = softmax(cosineMatrix(result.embedding, 1, texts.embeddings, set.texts.length, texts.dim), 100);
          const expected = golden[picture]?.[set.name];
          if (!expected) throw new Error(`no golden scores for ${picture} / ${set.name}`);
          expect(expected, `golden for ${picture} / ${set.name}`).toHaveLength(set.texts.length);
          scores.forEach((score, j) => expect(score, `${picture}: "${set.texts[j]}"`).toBeCloseTo(expected[j]!, 4));
        });
      }
    } finally {
      await model.dispose();
    }
  });
});

describe('the golden values', () => {
  it('put each picture first among all 36 labels, and differ between fp32 and 8-bit towers', () => {
    const all = GOLDEN_LABEL_SETS[0]!;
    const expectedTop = { 'red-circle.png': 'a photo of a red circle.', 'blue-square.png': 'a photo of a blue square.', 'green-triangle.png': 'a photo of a green triangle.' };
    for (const towers of ['fp32', 'q8'] as GoldenTowers[]) {
      for (const [picture, label] of Object.entries(expectedTop)) {
        const scores = ZERO_SHOT_GOLDEN.towers[towers].scores[picture]?.[all.name];
        if (!scores) throw new Error(`no golden scores for ${picture} / ${all.name}`);
        expect(all.texts[scores.indexOf(Math.max(...scores))]).toBe(label);
      }
    }
    const near = (towers: GoldenTowers) => {
      const scores = ZERO_SHOT_GOLDEN.towers[towers].scores['red-circle.png']?.['words and phrases'];
      if (!scores) throw new Error(`no golden scores for red-circle.png / words and phrases (${towers})`);
      return scores;
    };
    expect(Math.max(...near('fp32').map((v, i) => Math.abs(v - near('q8')[i]!)))).toBeGreaterThan(1e-3);
  });
});
