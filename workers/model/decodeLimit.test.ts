/**
 * A batch of images is decoded at most DECODE_CONCURRENCY at a time: counted at the decoder,
 * which is the real one with a short pause added so that overlapping calls would show.
 */
import { describe, expect, it, vi } from 'vitest';
import { parsePreprocessorConfig } from '../../src/clip';
import { GOLDEN_PICTURES, goldenPng } from '../../src/clip/testing/zeroShotGolden';
import type { NamedBlob } from '../api';
import { DECODE_CONCURRENCY, IMAGE_BATCH, ImageEmbedder } from './imageEmbedder';

const counter = vi.hoisted(() => ({ running: 0, peak: 0 }));

vi.mock('../decodeImage', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../decodeImage')>();
  return {
    ...actual,
    decodeImage: async (...args: Parameters<typeof actual.decodeImage>) => {
      counter.running++;
      counter.peak = Math.max(counter.peak, counter.running);
      try {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return await actual.decodeImage(...args);
      } finally {
        counter.running--;
      }
    },
  };
});

describe('decoding a batch', () => {
  it(`decodes at most ${DECODE_CONCURRENCY} images at once`, async () => {
    const picture = GOLDEN_PICTURES[0]!;
    const images: NamedBlob[] = Array.from({ length: IMAGE_BATCH }, (_, i) => ({ name: `p${i}.png`, blob: new Blob([goldenPng(picture) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) }));
    const embedder = new ImageEmbedder(parsePreprocessorConfig({ size: 32, crop_size: 32, do_normalize: false }));
    const results = await embedder.preprocess(images);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(counter.peak).toBe(DECODE_CONCURRENCY);
  });
});
