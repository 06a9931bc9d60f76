/**
 * The image fit through the bundled model with onnxruntime-node: CLIP's centre crop misses a
 * subject at the edge of a wide picture, the padded fit sees it; switching is a new generation,
 * and no embedding ever carries the generation of the other fit.
 */
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineMatrix, softmax } from '../../src/clip';
import type { NamedBlob } from '../api';
import { loadBundledModel } from '../testing/nodeModel';
import type { ClipModel } from './clipModel';
import { IMAGE_BATCH } from './imageEmbedder';

const COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'];
const SHAPES = ['circle', 'square', 'triangle', 'star', 'heart', 'cross'];
const LABELS = COLOURS.flatMap((colour) => SHAPES.map((shape) => `${colour} ${shape}`));

/** A white 960×240 PNG with a red disc of radius 100 px centred at (cx, 120). */
function wideRedCircle(cx = 110, name = 'wide.png'): NamedBlob {
  const [width, height, r] = [960, 240, 100];
  const data = new Uint8Array(width * height * 4).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - height / 2) ** 2 <= r * r) data.set([224, 27, 27], (y * width + x) * 4);
    }
  }
  return { name, blob: new Blob([encode({ width, height, data, channels: 4 }) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) };
}

let model: ClipModel;
let labels: Float32Array;
beforeAll(async () => {
  model = await loadBundledModel();
  labels = (await model.encodeTexts(LABELS.map((label) => `a photo of a ${label}.`))).embeddings;
});
afterAll(() => model.dispose());

function embeddingOf(result: { ok: boolean; embedding?: Float32Array } | undefined): Float32Array {
  if (!result?.ok || !result.embedding) throw new Error('expected an embedding');
  return result.embedding;
}

function topLabel(embedding: Float32Array): string {
  const scores = softmax(cosineMatrix(embedding, 1, labels, LABELS.length, embedding.length), 100);
  return LABELS[scores.indexOf(Math.max(...scores))]!;
}

describe('the image fit', () => {
  it('crop misses the red circle at the far left of a wide picture; pad finds it, under a new generation', async () => {
    expect(model.info.imageFit).toBe('crop');
    const cropped = await model.encodeImages([wideRedCircle()]);
    expect(cropped.generation).toBe(model.generation);
    expect(topLabel(embeddingOf(cropped.results[0]))).not.toMatch(/^red /);

    const before = model.generation;
    const info = await model.setImageFit('pad');
    expect(info.imageFit).toBe('pad');
    expect(info.generation).toBeGreaterThan(before);
    expect(model.generation).toBe(info.generation);

    const padded = await model.encodeImages([wideRedCircle()]);
    expect(padded.generation).toBe(info.generation);
    expect(topLabel(embeddingOf(padded.results[0]))).toBe('red circle');

    // The same fit again changes nothing; back to crop is another generation with crop's embeddings.
    expect((await model.setImageFit('pad')).generation).toBe(info.generation);
    const back = await model.setImageFit('crop');
    expect(back.generation).toBeGreaterThan(info.generation);
    const again = await model.encodeImages([wideRedCircle()]);
    expect(Array.from(embeddingOf(again.results[0]))).toEqual(Array.from(embeddingOf(cropped.results[0])));
  });

  it('leaves text embeddings as they were', async () => {
    const before = await model.encodeTexts(['a photo of a red circle.']);
    await model.setImageFit(model.info.imageFit === 'crop' ? 'pad' : 'crop');
    const after = await model.encodeTexts(['a photo of a red circle.']);
    expect(after.generation).toBe(model.generation);
    expect(Array.from(after.embeddings)).toEqual(Array.from(before.embeddings));
  });

  it('never stamps an embedding of one fit with the generation of the other, when the switch comes mid-call', async () => {
    await model.setImageFit('crop');
    const crop = embeddingOf((await model.encodeImages([wideRedCircle()])).results[0]);
    await model.setImageFit('pad');
    const pad = embeddingOf((await model.encodeImages([wideRedCircle()])).results[0]);
    await model.setImageFit('crop');
    const cropGeneration = model.generation;

    // Several batches, so the switch lands between two of them.
    const images = Array.from({ length: IMAGE_BATCH * 3 }, (_, i) => wideRedCircle(110 + (i % 2), `wide-${i}.png`));
    images.push(wideRedCircle());
    const encoding = model.encodeImages(images);
    const switched = model.setImageFit('pad');
    const [result, info] = await Promise.all([encoding, switched]);
    const last = embeddingOf(result.results.at(-1));
    if (result.generation === cropGeneration) expect(Array.from(last)).toEqual(Array.from(crop));
    else {
      expect(result.generation).toBe(info.generation);
      expect(Array.from(last)).toEqual(Array.from(pad));
    }
  });
});
