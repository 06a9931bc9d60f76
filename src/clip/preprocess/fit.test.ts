import { describe, expect, it } from 'vitest';
import { clipPreprocessorJson } from '../testing/fixtures';
import { parsePreprocessorConfig } from './config';
import { clipToImage, letterbox, letterboxGeometry, modelInputRect, padColour } from './fit';
import { preprocessImage, type InputImage } from './preprocess';

const clip = parsePreprocessorConfig(clipPreprocessorJson());
/** The bundled demo model's preprocessing: CLIP's, at 64 pixels. */
const tiny = parsePreprocessorConfig({ ...clipPreprocessorJson(), size: { shortest_edge: 64 }, crop_size: { height: 64, width: 64 } });

/** A `width`×`height` RGB image whose columns are coloured by `colourAt(x)`. */
function columns(width: number, height: number, colourAt: (x: number) => [number, number, number]): InputImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colourAt(x), (y * width + x) * 3);
  return { data, width, height, channels: 3 };
}

/** The 8-bit colour of output pixel (x, y) of [3, H, W] pixel values (un-normalised with CLIP's mean and std). */
function pixelAt(values: Float32Array, size: number, x: number, y: number): [number, number, number] {
  const mean = [0.48145466, 0.4578275, 0.40821073];
  const std = [0.26862954, 0.26130258, 0.27577711];
  const channel = (c: number) => Math.round((values[c * size * size + y * size + x]! * std[c]! + mean[c]!) * 255);
  return [channel(0), channel(1), channel(2)];
}

const RED: [number, number, number] = [224, 27, 27];
const WHITE: [number, number, number] = [255, 255, 255];

describe('modelInputRect', () => {
  it('maps the centre crop back to source pixels: the middle quarter of a 4:1 image', () => {
    // 960×240 → 896×224 (int(224 × 960 / 240)), crop 224 at x = 336, i.e. 360..600 in the source.
    expect(modelInputRect(960, 240, clip, 'crop')).toEqual({ x: 360, y: 0, width: 240, height: 240 });
    expect(modelInputRect(240, 960, clip, 'crop')).toEqual({ x: 0, y: 360, width: 240, height: 240 });
    expect(modelInputRect(960, 240, tiny, 'crop')).toEqual({ x: 360, y: 0, width: 240, height: 240 });
  });

  it('follows the integer resize and crop offset of the reference steps', () => {
    // 640×480 → 298×224; the crop starts at trunc(74 / 2) = 37 resized pixels.
    const rect = modelInputRect(640, 480, clip, 'crop');
    expect(rect.x).toBeCloseTo((37 * 640) / 298, 10);
    expect(rect.width).toBeCloseTo((224 * 640) / 298, 10);
    expect(rect.y).toBe(0);
    expect(rect.height).toBe(480);
    expect(modelInputRect(300, 300, clip, 'crop')).toEqual({ x: 0, y: 0, width: 300, height: 300 });
  });

  it('is the letterbox square around the whole image when padding', () => {
    expect(modelInputRect(960, 240, clip, 'pad')).toEqual({ x: 0, y: -360, width: 960, height: 960 });
    expect(modelInputRect(240, 960, tiny, 'pad')).toEqual({ x: -360, y: 0, width: 960, height: 960 });
    expect(clipToImage(modelInputRect(960, 240, clip, 'pad'), 960, 240)).toEqual({ x: 0, y: 0, width: 960, height: 240 });
  });

  it('is the whole image for a model that resizes to a fixed size without cropping', () => {
    const exact = parsePreprocessorConfig({ size: { height: 256, width: 256 }, do_center_crop: false });
    expect(modelInputRect(960, 240, exact, 'crop')).toEqual({ x: 0, y: 0, width: 960, height: 240 });
  });
});

describe('clipToImage', () => {
  it('keeps the part of a rectangle on the image', () => {
    expect(clipToImage({ x: -10, y: 5, width: 30, height: 100 }, 15, 50)).toEqual({ x: 0, y: 5, width: 15, height: 45 });
    expect(clipToImage({ x: 20, y: 0, width: 5, height: 5 }, 15, 50)).toEqual({ x: 20, y: 0, width: 0, height: 5 });
  });
});

describe('letterbox', () => {
  it('fills with the colour that normalises to zero', () => {
    expect(padColour(clip)).toEqual([123, 117, 104]); // 255 × CLIP's mean, rounded
    expect(padColour(parsePreprocessorConfig({ do_resize: false, crop_size: 2 }))).toEqual([0, 0, 0]);
    const raw = parsePreprocessorConfig({ do_resize: false, do_rescale: false, crop_size: 2, image_mean: [10, 20, 30], image_std: [1, 1, 1] });
    expect(padColour(raw)).toEqual([10, 20, 30]);
  });

  it('centres the whole image on a canvas of the model input shape', () => {
    expect(letterboxGeometry(960, 240, clip)).toEqual({ width: 960, height: 960, left: 0, top: 360 });
    expect(letterboxGeometry(3, 6, clip)).toEqual({ width: 6, height: 6, left: 1, top: 0 });
    expect(letterboxGeometry(50, 50, clip)).toEqual({ width: 50, height: 50, left: 0, top: 0 });
    const portrait = parsePreprocessorConfig({ do_resize: false, crop_size: { width: 2, height: 4 } });
    expect(letterboxGeometry(4, 4, portrait)).toEqual({ width: 4, height: 8, left: 0, top: 2 });
  });

  it('copies RGBA and gray pixels into RGB, the rest filled', () => {
    const config = parsePreprocessorConfig({ do_resize: false, crop_size: 3, image_mean: [0, 0.5, 1], image_std: [1, 1, 1] });
    const rgba: InputImage = { data: Uint8Array.from([1, 2, 3, 99, 4, 5, 6, 99, 7, 8, 9, 99]), width: 3, height: 1, channels: 4 };
    const fill = [0, 128, 255];
    expect(Array.from(letterbox(rgba, config).data)).toEqual([...fill, ...fill, ...fill, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...fill, ...fill, ...fill]);
    const gray: InputImage = { data: Uint8Array.from([10, 20]), width: 1, height: 2, channels: 1 };
    expect(letterbox(gray, config)).toMatchObject({ width: 2, height: 2, channels: 3 });
    expect(Array.from(letterbox(gray, config).data)).toEqual([10, 10, 10, ...fill, 20, 20, 20, ...fill]);
  });
});

describe("preprocessImage's fit", () => {
  // Red left of the model's crop (x < 360), white elsewhere: the far-left subject of a panorama.
  const panorama = columns(960, 240, (x) => (x < 360 ? RED : WHITE));
  const isRed = ([r, g, b]: [number, number, number]) => r > 180 && g < 90 && b < 90;

  it('crop: the model sees only the outlined middle, so none of the red', () => {
    const out = preprocessImage(panorama, tiny, 'crop');
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) expect(isRed(pixelAt(out, 64, x, y)), `pixel ${x},${y}`).toBe(false);
  });

  it('the outline agrees with the pixels: colour just inside the crop edge reaches the output, just outside does not', () => {
    const stripe = (from: number, to: number) => columns(960, 240, (x) => (x >= from && x < to ? RED : WHITE));
    const rect = modelInputRect(960, 240, tiny, 'crop');
    const inside = preprocessImage(stripe(rect.x, rect.x + 8), tiny, 'crop');
    const outside = preprocessImage(stripe(rect.x - 16, rect.x - 8), tiny, 'crop');
    expect(isRed(pixelAt(inside, 64, 1, 32))).toBe(true);
    for (let x = 0; x < 64; x++) expect(isRed(pixelAt(outside, 64, x, 32))).toBe(false);
  });

  it('pad: the whole image, smaller, between bands of the mean colour', () => {
    const out = preprocessImage(panorama, tiny, 'pad');
    // The letterbox is 960×960 → 64×64: the image is the 16 rows in the middle (24..39).
    expect(isRed(pixelAt(out, 64, 4, 32))).toBe(true);
    expect(pixelAt(out, 64, 60, 32)).toEqual(WHITE);
    for (const y of [0, 10, 20, 43, 63]) {
      for (let c = 0; c < 3; c++) expect(Math.abs(out[c * 64 * 64 + y * 64 + 32]!)).toBeLessThan(0.01); // the mean colour → ~0
    }
  });

  it('gives the same pixels as the crop for an image of the model input shape', () => {
    const square = columns(100, 100, (x) => (x < 30 ? RED : WHITE));
    expect(preprocessImage(square, clip, 'pad')).toEqual(preprocessImage(square, clip, 'crop'));
    expect(preprocessImage(square, clip)).toEqual(preprocessImage(square, clip, 'crop'));
  });
});
