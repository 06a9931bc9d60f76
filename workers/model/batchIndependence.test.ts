/**
 * An image's embedding does not depend on the images it was sent with: the 8-bit vision tower
 * quantises activations per tensor, so the worker runs it one image at a time (clipModel.ts).
 */
import { describe, expect, it } from 'vitest';
import { GOLDEN_PICTURES, goldenPng } from '../../src/clip/testing/zeroShotGolden';
import { loadBundledModel } from '../testing/nodeModel';

const pictures = GOLDEN_PICTURES.map((p) => ({ name: p.name, blob: new Blob([goldenPng(p) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) }));

describe.each(['q8', 'fp32'] as const)('%s vision tower', (precision) => {
  it('gives each image of a batch the embedding it gets alone', async () => {
    const model = await loadBundledModel({ precision });
    try {
      const together = await model.encodeImages(pictures);
      for (const [i, picture] of pictures.entries()) {
        const alone = (await model.encodeImages([picture])).results[0];
        const inBatch = together.results[i];
        if (!alone?.ok || !inBatch?.ok) throw new Error(`${picture.name} was not embedded`);
        expect([...inBatch.embedding], picture.name).toEqual([...alone.embedding]);
      }
    } finally {
      await model.dispose();
    }
  });
});
