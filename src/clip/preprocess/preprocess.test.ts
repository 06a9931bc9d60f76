import { describe, expect, it } from 'vitest';
import { clipPreprocessorJson, noisePixels } from '../testing/fixtures';
import { parsePreprocessorConfig } from './config';
import { preprocessBatch, preprocessImage, resizedSize, type InputImage } from './preprocess';

function noise(width: number, height: number, channels: 1 | 3 | 4, seed = 1): InputImage {
  return noisePixels(width, height, channels, seed);
}

/** value → value/255 mapped to -1..1 (mean 0.5, std 0.5), easy to check by hand. */
const HALF_NORM = { image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] };

describe('resizedSize', () => {
  it("follows HF's get_resize_output_image_size for shortest_edge", () => {
    const edge = { kind: 'shortestEdge', size: 224 } as const;
    expect(resizedSize(640, 480, edge)).toEqual({ width: 298, height: 224 }); // int(224 * 640 / 480) = 298
    expect(resizedSize(480, 640, edge)).toEqual({ width: 224, height: 298 });
    expect(resizedSize(200, 500, edge)).toEqual({ width: 224, height: 560 });
    expect(resizedSize(300, 300, edge)).toEqual({ width: 224, height: 224 });
    expect(resizedSize(4000, 3000, edge)).toEqual({ width: 298, height: 224 });
    expect(resizedSize(10, 20, { kind: 'exact', width: 7, height: 9 })).toEqual({ width: 7, height: 9 });
    expect(resizedSize(10, 20, null)).toEqual({ width: 10, height: 20 });
  });
});

describe('preprocessImage', () => {
  const clip = parsePreprocessorConfig(clipPreprocessorJson());

  it('returns channels-first [3, 224, 224] with CLIP defaults', () => {
    const out = preprocessImage(noise(320, 240, 3), clip);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out.length).toBe(3 * 224 * 224);
  });

  it('gives the same result for RGB, RGBA (alpha ignored) and, for gray, replicated RGB', () => {
    const rgba = noise(120, 90, 4, 5);
    const rgb = new Uint8Array(120 * 90 * 3);
    for (let i = 0; i < 120 * 90; i++) rgb.set(rgba.data.subarray(i * 4, i * 4 + 3), i * 3);
    expect(preprocessImage(rgba, clip)).toEqual(preprocessImage({ data: rgb, width: 120, height: 90, channels: 3 }, clip));

    const gray = noise(90, 130, 1, 9);
    const grayRgb = new Uint8Array(90 * 130 * 3);
    gray.data.forEach((v, i) => grayRgb.fill(v, i * 3, i * 3 + 3));
    expect(preprocessImage(gray, clip)).toEqual(preprocessImage({ data: grayRgb, width: 90, height: 130, channels: 3 }, clip));
  });

  it('rescales and normalises with the configured mean and std', () => {
    const config = parsePreprocessorConfig({ do_resize: false, crop_size: 2, ...HALF_NORM });
    const image: InputImage = { data: Uint8Array.from([0, 255, 51, 255, 0, 102, 0, 0, 0, 255, 255, 255]), width: 2, height: 2, channels: 3 };
    const out = preprocessImage(image, config);
    // R plane, G plane, B plane; (v / 255 - 0.5) / 0.5.
    const expected = [-1, 1, -1, 1, 1, -1, -1, 1, -0.6, -0.2, -1, 1];
    expect(out.length).toBe(expected.length);
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });

  it('keeps raw 0..255 values without rescale or normalisation', () => {
    const config = parsePreprocessorConfig({ do_resize: false, do_rescale: false, crop_size: 1 });
    expect(Array.from(preprocessImage({ data: Uint8Array.from([7, 8, 9]), width: 1, height: 1, channels: 3 }, config))).toEqual([7, 8, 9]);
  });

  it('centre-crops at floor((size - crop) / 2)', () => {
    const config = parsePreprocessorConfig({ do_resize: false, do_rescale: false, crop_size: { height: 1, width: 2 } });
    // 5×2 gray: left = floor(3 / 2) = 1, top = floor(1 / 2) = 0.
    const image: InputImage = { data: Uint8Array.from([0, 1, 2, 3, 4, 10, 11, 12, 13, 14]), width: 5, height: 2, channels: 1 };
    expect(Array.from(preprocessImage(image, config))).toEqual([1, 2, 1, 2, 1, 2]);
  });

  it.each(['torchvision', 'pil'])('pads with zeros (before normalising) when the image is smaller than the crop by an even amount, like HF (%s)', (backend) => {
    const config = parsePreprocessorConfig({ backend, do_resize: false, crop_size: { height: 4, width: 3 }, ...HALF_NORM });
    // 1×2 image in a 3×4 crop: HF puts it at column ceil(2 / 2) = 1 and rows ceil(2 / 2) = 1..2.
    const image: InputImage = { data: Uint8Array.from([255, 255]), width: 1, height: 2, channels: 1 };
    const plane = [-1, -1, -1, -1, 1, -1, -1, 1, -1, -1, -1, -1];
    expect(Array.from(preprocessImage(image, config))).toEqual([...plane, ...plane, ...plane]);
  });

  it('places an image smaller than the crop by an odd amount where each backend does', () => {
    // 2×1 white in a 5×1 crop: NumPy's center_crop (pil) pads ceil(3 / 2) = 2 columns before the
    // image, torchvision's pad puts 3 // 2 = 1 column there.
    const image: InputImage = { data: Uint8Array.from([255, 255]), width: 2, height: 1, channels: 1 };
    const plane = (backend: string) => {
      const config = parsePreprocessorConfig({ backend, do_resize: false, do_rescale: false, crop_size: { height: 1, width: 5 } });
      return Array.from(preprocessImage(image, config).subarray(0, 5));
    };
    expect(plane('pil')).toEqual([0, 0, 255, 255, 0]);
    expect(plane('torchvision')).toEqual([0, 255, 255, 0, 0]);
  });

  it.each(['torchvision', 'pil'])('resizes before cropping (upscale of a small image to the CLIP size, %s)', (backend) => {
    const config = parsePreprocessorConfig({ ...clipPreprocessorJson(), backend });
    const out = preprocessImage({ data: new Uint8Array(10 * 20).fill(255), width: 10, height: 20, channels: 1 }, config);
    // A white image stays white everywhere (10×20 → 224×448, then cropped): each plane holds only
    // what a single white pixel becomes (the float formula itself is checked in referenceCases.test.ts).
    const white = preprocessImage({ data: Uint8Array.of(255), width: 1, height: 1, channels: 1 }, parsePreprocessorConfig({ ...clipPreprocessorJson(), backend, do_resize: false, crop_size: 1 }));
    expect(white[0]).toBeCloseTo((1 - 0.48145466) / 0.26862954, 5);
    for (let c = 0; c < 3; c++) expect(new Set(out.subarray(c * 224 * 224, (c + 1) * 224 * 224))).toEqual(new Set([white[c]]));
  });

  it('rejects a buffer that is too small or a bad channel count', () => {
    expect(() => preprocessImage({ data: new Uint8Array(5), width: 2, height: 2, channels: 3 }, clip)).toThrow(/pixel buffer/);
    expect(() => preprocessImage({ data: new Uint8Array(8), width: 2, height: 2, channels: 2 as 3 }, clip)).toThrow(/channel count/);
  });
});

describe('preprocessBatch', () => {
  it('writes each image into one [n, 3, H, W] buffer', () => {
    const config = parsePreprocessorConfig({ ...clipPreprocessorJson(), size: { shortest_edge: 32 }, crop_size: { height: 32, width: 24 } });
    const images = [noise(50, 40, 3, 1), noise(40, 70, 4, 2), noise(33, 33, 1, 3)];
    const batch = preprocessBatch(images, config);
    expect(batch.dims).toEqual([3, 3, 32, 24]);
    expect(batch.data.length).toBe(3 * 3 * 32 * 24);
    images.forEach((image, i) => {
      expect(batch.data.subarray(i * 3 * 32 * 24, (i + 1) * 3 * 32 * 24)).toEqual(preprocessImage(image, config));
    });
    expect(preprocessBatch([], config)).toEqual({ data: new Float32Array(0), dims: [0, 3, 32, 24] });
  });
});
