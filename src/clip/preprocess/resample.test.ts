import { describe, expect, it } from 'vitest';
import { noisePixels } from '../testing/fixtures';
import { resample, type ImageProcessorBackend, type Pixels8, type ResampleFilter, type ResampleMethod } from './resample';

const FILTERS: ResampleFilter[] = ['nearest', 'bilinear', 'bicubic'];
const BACKENDS: ImageProcessorBackend[] = ['torchvision', 'pil'];
/** Every filter of every backend, for the properties both libraries share. */
const METHODS: ResampleMethod[] = BACKENDS.flatMap((backend) => FILTERS.map((filter) => ({ filter, backend })));
const name = (m: ResampleMethod) => `${m.filter}, ${m.backend}`;

function noise(width: number, height: number, channels: 1 | 3 | 4, seed = 1): Pixels8 {
  return noisePixels(width, height, channels, seed);
}

function gray(width: number, height: number, values: number[]): Pixels8 {
  return { data: Uint8Array.from(values), width, height, channels: 1 };
}

describe('resample', () => {
  it.each(METHODS.map((m) => [name(m), m] as const))('is the identity when the size does not change (%s)', (_, method) => {
    const image = noise(7, 5, 3);
    const out = resample(image, 7, 5, method);
    expect(out).toMatchObject({ width: 7, height: 5, channels: 3 });
    expect(Array.from(out.data)).toEqual(Array.from(image.data));
  });

  it('drops alpha from RGBA input without changing the colours', () => {
    const rgba = noise(6, 4, 4);
    const rgb = new Uint8Array(6 * 4 * 3);
    for (let i = 0; i < 24; i++) rgb.set(rgba.data.subarray(i * 4, i * 4 + 3), i * 3);
    for (const method of METHODS) {
      const fromRgba = resample(rgba, 11, 3, method);
      const fromRgb = resample({ data: rgb, width: 6, height: 4, channels: 3 }, 11, 3, method);
      expect(fromRgba.channels).toBe(3);
      expect(Array.from(fromRgba.data)).toEqual(Array.from(fromRgb.data));
    }
  });

  it.each([
    [37, 23, 5, 9],
    [37, 23, 80, 61],
    [37, 23, 37, 60],
    [37, 23, 12, 23],
  ])('keeps a constant image constant (%i×%i → %i×%i)', (w, h, outW, outH) => {
    const colour = [10, 200, 255];
    const data = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) data.set(colour, i * 3);
    for (const method of METHODS) {
      const out = resample({ data, width: w, height: h, channels: 3 }, outW, outH, method);
      for (let i = 0; i < outW * outH; i++) expect(Array.from(out.data.subarray(i * 3, i * 3 + 3))).toEqual(colour);
    }
  });

  it.each(BACKENDS)('upscales with the bilinear triangle filter, rounding each pass to 8 bits (hand-computed, %s)', (backend) => {
    const bilinear: ResampleMethod = { filter: 'bilinear', backend };
    // Horizontal only: output centres at 0.25, 0.75, 1.25, 1.75 source pixels.
    // Weights (1), (0.75, 0.25), (0.25, 0.75), (1): 0, 63.75 → 64, 191.25 → 191, 255.
    expect(Array.from(resample(gray(2, 1, [0, 255]), 4, 1, bilinear).data)).toEqual([0, 64, 191, 255]);
    // Both passes; each rounds to 8 bits: row 1 = 0.75 × row 0 + 0.25 × row 3 of the horizontal result.
    const out = resample(gray(2, 2, [0, 255, 255, 0]), 4, 4, bilinear);
    expect(Array.from(out.data)).toEqual([
      0, 64, 191, 255,
      64, 96, 159, 191,
      191, 159, 96, 64,
      255, 191, 64, 0,
    ]);
  });

  it.each(BACKENDS)('widens the filter when downscaling (antialiasing, hand-computed, %s)', (backend) => {
    // 4 → 2: the triangle is stretched ×2, so output 0 (centre 1) weighs sources 0, 1, 2 by
    // 3/7, 3/7, 1/7 → 50, and output 1 (centre 3) weighs 1, 2, 3 by 1/7, 3/7, 3/7 → 160.
    // A plain 2-tap bilinear would give 35 and 175.
    expect(Array.from(resample(gray(4, 1, [0, 70, 140, 210]), 2, 1, { filter: 'bilinear', backend }).data)).toEqual([50, 160]);
  });

  it('samples pixel centres for nearest, each backend with its own rounding (hand-computed)', () => {
    const pil: ResampleMethod = { filter: 'nearest', backend: 'pil' };
    const torchvision: ResampleMethod = { filter: 'nearest', backend: 'torchvision' };
    for (const method of [pil, torchvision]) {
      expect(Array.from(resample(gray(4, 1, [10, 20, 30, 40]), 2, 1, method).data)).toEqual([20, 40]);
      expect(Array.from(resample(gray(2, 1, [10, 20]), 4, 1, method).data)).toEqual([10, 10, 20, 20]);
      expect(Array.from(resample(gray(3, 1, [10, 20, 30]), 2, 1, method).data)).toEqual([10, 30]);
    }
    // 4 → 6: the centre of output 4 falls exactly on the edge between source pixels 2 and 3
    // (4.5 × 4/6 = 3). Pillow adds 4/6 to a double four times and lands just short (2.9999999999999996:
    // pixel 2); PyTorch computes (4 + 0.5) × 4/6 in float32, which rounds to 3.0 (pixel 3).
    expect(Array.from(resample(gray(4, 1, [10, 20, 30, 40]), 6, 1, pil).data)).toEqual([10, 20, 20, 30, 30, 40]);
    expect(Array.from(resample(gray(4, 1, [10, 20, 30, 40]), 6, 1, torchvision).data)).toEqual([10, 20, 20, 30, 40, 40]);
  });

  it.each(METHODS.map((m) => [name(m), m] as const))('computes a window exactly as the same part of the full result (%s)', (_, method) => {
    const image = noise(53, 41, 3, 7);
    for (const [outW, outH] of [
      [23, 17],
      [90, 70],
      [53, 20],
      [20, 41],
    ] as const) {
      const full = resample(image, outW, outH, method);
      const win = { x: 3, y: 2, width: outW - 7, height: outH - 5 };
      const part = resample(image, outW, outH, method, win);
      expect(part).toMatchObject({ width: win.width, height: win.height, channels: 3 });
      const expected: number[] = [];
      for (let y = win.y; y < win.y + win.height; y++) {
        expected.push(...full.data.subarray((y * outW + win.x) * 3, (y * outW + win.x + win.width) * 3));
      }
      expect(Array.from(part.data)).toEqual(expected);
    }
  });

  it.each(METHODS.map((m) => [name(m), m] as const))('keeps gray as one channel, equal to resampling the replicated RGB (%s)', (_, method) => {
    const image = noise(19, 13, 1, 3);
    const rgb = new Uint8Array(19 * 13 * 3);
    image.data.forEach((v, i) => rgb.fill(v, i * 3, i * 3 + 3));
    const fromGray = resample(image, 8, 30, method);
    const fromRgb = resample({ data: rgb, width: 19, height: 13, channels: 3 }, 8, 30, method);
    expect(fromGray.channels).toBe(1);
    expect(Array.from(fromGray.data)).toEqual(Array.from(fromRgb.data.filter((_, i) => i % 3 === 0)));
  });

  it('rejects bad sizes, buffers, windows and methods', () => {
    const image = noise(4, 4, 3);
    const bicubic: ResampleMethod = { filter: 'bicubic', backend: 'torchvision' };
    expect(() => resample(image, 0, 4, bicubic)).toThrow(/output size/);
    expect(() => resample({ ...image, data: image.data.subarray(0, 10) }, 2, 2, bicubic)).toThrow(/pixel buffer/);
    expect(() => resample(image, 2, 2, bicubic, { x: 1, y: 0, width: 2, height: 2 })).toThrow(/window/);
    expect(() => resample(image, 2, 2, { filter: 'lanczos' as 'bicubic', backend: 'pil' })).toThrow(/unknown filter/);
    expect(() => resample(image, 2, 2, { filter: 'bicubic', backend: 'opencv' as 'pil' })).toThrow(/unknown backend/);
  });
});
