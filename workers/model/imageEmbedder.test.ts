/**
 * Images through the bundled model with onnxruntime-node: decoding, preprocessing and vision runs
 * in batches; a bad file fails alone; an abort stops between batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineMatrix, parsePreprocessorConfig, preprocessImage } from '../../src/clip';
import { GOLDEN_PICTURES, goldenImage, goldenPng } from '../../src/clip/testing/zeroShotGolden';
import type { NamedBlob } from '../api';
import { decodeImage } from '../decodeImage';
import { fetchConfigs } from '../modelFiles';
import { diskModelFiles, loadBundledModel } from '../testing/nodeModel';
import type { ClipModel } from './clipModel';
import { IMAGE_BATCH, ImageEmbedder } from './imageEmbedder';

const png = (i: number, name = GOLDEN_PICTURES[i]!.name): NamedBlob => ({ name, blob: new Blob([goldenPng(GOLDEN_PICTURES[i]!) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) });
const notAnImage: NamedBlob = { name: 'notes.txt', blob: new Blob(['hello'], { type: 'text/plain' }) };

let model: ClipModel;
beforeAll(async () => {
  model = await loadBundledModel({ precision: 'fp32' });
});
afterAll(() => model.dispose());

describe('encodeImages', () => {
  it('embeds every image, in order, with a typed error for the file that is not one', async () => {
    const { generation, results } = await model.encodeImages([png(0), notAnImage, png(1)]);
    expect(generation).toBe(model.generation);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toEqual({ ok: false, error: { kind: 'not-image', file: 'notes.txt', message: 'notes.txt is not an image (text/plain)' } });
    const [first, , second] = results;
    if (!first?.ok || !second?.ok) throw new Error('expected embeddings');
    expect(first).toMatchObject({ width: 96, height: 80 });
    expect(first.embedding).toHaveLength(64);
    expect(cosineMatrix(first.embedding, 1, first.embedding, 1, 64)[0]).toBeCloseTo(1, 5); // unit length
    expect(cosineMatrix(first.embedding, 1, second.embedding, 1, 64)[0]).toBeLessThan(0.9);
  });

  it('gives an image the same embedding in any batch and position (fp32)', async () => {
    const alone = await model.encodeImages([png(2)]);
    const images = [...Array.from({ length: IMAGE_BATCH + 2 }, (_, i) => png(i % 2, `picture-${i}.png`)), png(2)];
    const { results } = await model.encodeImages(images);
    expect(results).toHaveLength(images.length);
    const last = results.at(-1)!;
    const [single] = alone.results;
    if (!last.ok || !single?.ok) throw new Error('expected embeddings');
    for (let i = 0; i < 64; i++) expect(last.embedding[i]).toBeCloseTo(single.embedding[i]!, 5);
  });

  it('stops between batches when aborted, with cancelled', async () => {
    const controller = new AbortController();
    const images = Array.from({ length: IMAGE_BATCH * 3 }, (_, i) => png(i % 3, `p${i}.png`));
    const encoding = model.encodeImages(images, controller.signal);
    controller.abort();
    await expect(encoding).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('preprocessImages', () => {
  it("returns the vision tower's input for each image, the same as preprocessing the decoded file", async () => {
    const results = await model.preprocessImages([png(0), notAnImage]);
    expect(results[1]).toMatchObject({ ok: false, error: { kind: 'not-image' } });
    const [first] = results;
    if (!first) throw new Error('expected a result per image');
    if (!first.ok) throw new Error(first.error.message);
    expect(first.dims).toEqual([3, 64, 64]);
    const config = parsePreprocessorConfig((await fetchConfigs(diskModelFiles())).preprocessor);
    const decoded = await decodeImage(png(0).blob, 'x.png');
    expect(Array.from(decoded.data)).toEqual(Array.from(goldenImage(GOLDEN_PICTURES[0]!).data));
    expect(first.pixels).toEqual(preprocessImage(decoded, config));
  });
});

describe('ImageEmbedder.framePixels', () => {
  it('preprocesses a frame read back as RGBA and closes it, also when reading fails', async () => {
    const config = parsePreprocessorConfig((await fetchConfigs(diskModelFiles())).preprocessor);
    const picture = goldenImage(GOLDEN_PICTURES[1]!);
    let closed = 0;
    const frame = { width: picture.width, height: picture.height, close: () => closed++ } as unknown as ImageBitmap;
    // The canvas read-back is the browser's part; here the frame's pixels are handed over as they are.
    const embedder = new ImageEmbedder(config, 'crop', () => picture);
    expect(embedder.framePixels(frame)).toEqual(preprocessImage(picture, config));
    expect(closed).toBe(1);
    const failing = new ImageEmbedder(config, 'crop', () => {
      throw new Error('no canvas');
    });
    expect(() => failing.framePixels(frame)).toThrow('no canvas');
    expect(closed).toBe(2);
  });
});
