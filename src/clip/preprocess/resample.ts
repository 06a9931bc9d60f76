/**
 * Pillow-exact resizing of 8-bit images.
 *
 * CLIP's reference preprocessing resizes with Pillow (`Image.resize`, libImaging/Resample.c), and
 * the embeddings are sensitive enough to the exact pixels that "some bicubic" is not good enough:
 * this file reproduces Pillow's integer arithmetic step by step so the 8-bit result is the same.
 *
 * What Pillow does, and so what we do:
 * - Separable, two passes: horizontal first, then vertical. Each pass rounds and clips to 8 bits,
 *   so the intermediate image is 8-bit too (doing it in float would give different pixels).
 * - Filter weights are computed in double, normalised to sum 1, then turned into fixed point with
 *   PRECISION_BITS = 22 fractional bits (32 - 8 for the value - 2 for overshoot of negative lobes).
 * - When downscaling, the filter is stretched by the scale (support × scale): that is the
 *   antialiasing that makes Pillow's bicubic differ from a plain 4-tap bicubic.
 * - A pass is skipped when its dimension does not change; same size on both axes is a copy.
 * - The horizontal pass only computes the source rows the vertical pass reads.
 * - NEAREST does not use the filters at all: Pillow maps it to an affine transform that samples
 *   pixel centres with a running double accumulator (ImagingScaleAffine), reproduced here.
 *
 * Two liberties that keep the result identical but save work:
 * - `window` computes only part of the resized image (e.g. what a centre crop keeps). Each output
 *   pixel depends only on its own coefficients, so skipping the others changes nothing.
 * - The source may have 4 channels (RGBA) or 1 (gray); alpha is ignored while reading rather than
 *   copying a 12-megapixel image to RGB first, and gray stays 1 channel (Pillow's L→RGB conversion
 *   replicates the value, and the same filter applied to three equal channels gives equal results).
 */

export type ResampleFilter = 'nearest' | 'bilinear' | 'bicubic';

/** An 8-bit image, channels interleaved (1 = gray, 3 = RGB, 4 = RGBA). */
export interface Pixels8 {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Resampled pixels: gray stays gray, RGB and RGBA become RGB (alpha dropped). */
export interface ResampledPixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** A rectangle of the resized image, in output pixel coordinates. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** 32 bits - 8 bits of value - 2 bits of headroom for filters with negative lobes (Pillow). */
const PRECISION_BITS = 32 - 8 - 2;
/** Pillow starts each sum at one half so the final shift rounds instead of truncating. */
const HALF = 1 << (PRECISION_BITS - 1);
const ONE = 1 << PRECISION_BITS;

interface Kernel {
  fn: (x: number) => number;
  support: number;
}

function bilinearFilter(x: number): number {
  if (x < 0) x = -x;
  return x < 1 ? 1 - x : 0;
}

/** Keys' cubic convolution with a = -0.5, written exactly as Pillow's bicubic_filter. */
function bicubicFilter(x: number): number {
  const a = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

const KERNELS: Record<Exclude<ResampleFilter, 'nearest'>, Kernel> = {
  bilinear: { fn: bilinearFilter, support: 1 },
  bicubic: { fn: bicubicFilter, support: 2 },
};

/** Per-output-pixel source span and fixed-point weights for one axis. */
interface Coefficients {
  /** For output i (relative to the window): [first source index, number of taps]. */
  bounds: Int32Array;
  /** `ksize` weights per output pixel, 22-bit fixed point. */
  weights: Int32Array;
  ksize: number;
}

/**
 * Pillow's precompute_coeffs + normalize_coeffs_8bpc for outputs first..first+count-1 of an axis
 * resized from inSize to outSize. The double arithmetic is written in Pillow's order so the
 * rounded weights come out the same.
 */
function precomputeCoefficients(inSize: number, outSize: number, first: number, count: number, kernel: Kernel): Coefficients {
  const scale = inSize / outSize;
  const filterScale = scale < 1 ? 1 : scale;
  // Downscaling stretches the filter over more source pixels: antialiasing.
  const support = kernel.support * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const inverseFilterScale = 1 / filterScale;
  const bounds = new Int32Array(count * 2);
  const weights = new Int32Array(count * ksize);
  const w = new Float64Array(ksize);
  for (let i = 0; i < count; i++) {
    const center = (first + i + 0.5) * scale;
    // C's (int) cast truncates toward zero.
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    let sum = 0;
    for (let x = 0; x < xmax; x++) {
      const value = kernel.fn((x + xmin - center + 0.5) * inverseFilterScale);
      w[x] = value;
      sum += value;
    }
    const base = i * ksize;
    for (let x = 0; x < xmax; x++) {
      const k = sum !== 0 ? w[x] / sum : w[x];
      weights[base + x] = k < 0 ? Math.trunc(-0.5 + k * ONE) : Math.trunc(0.5 + k * ONE);
    }
    bounds[i * 2] = xmin;
    bounds[i * 2 + 1] = xmax;
  }
  return { bounds, weights, ksize };
}

/** Pillow's clip8: drop the fraction bits and saturate to 0..255. */
function clip8(sum: number): number {
  const v = sum >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * Horizontal pass over `rowCount` source rows starting at `rowStart`; output is `coeffs` columns
 * wide with `outChannels` channels. Reads the first `outChannels` of each `srcChannels`.
 */
function horizontalPass(
  src: Pixels8['data'],
  srcWidth: number,
  srcChannels: number,
  outChannels: 1 | 3,
  rowStart: number,
  rowCount: number,
  coeffs: Coefficients,
  outWidth: number,
): Uint8Array {
  const { bounds, weights, ksize } = coeffs;
  const out = new Uint8Array(rowCount * outWidth * outChannels);
  let o = 0;
  for (let r = 0; r < rowCount; r++) {
    const rowBase = (rowStart + r) * srcWidth * srcChannels;
    for (let xx = 0; xx < outWidth; xx++) {
      const n = bounds[xx * 2 + 1];
      const kBase = xx * ksize;
      let p = rowBase + bounds[xx * 2] * srcChannels;
      if (outChannels === 3) {
        let s0 = HALF;
        let s1 = HALF;
        let s2 = HALF;
        for (let x = 0; x < n; x++) {
          const k = weights[kBase + x];
          s0 += src[p] * k;
          s1 += src[p + 1] * k;
          s2 += src[p + 2] * k;
          p += srcChannels;
        }
        out[o] = clip8(s0);
        out[o + 1] = clip8(s1);
        out[o + 2] = clip8(s2);
        o += 3;
      } else {
        let s0 = HALF;
        for (let x = 0; x < n; x++) {
          s0 += src[p] * weights[kBase + x];
          p += srcChannels;
        }
        out[o++] = clip8(s0);
      }
    }
  }
  return out;
}

/**
 * Vertical pass. `src` holds rows starting at source row `rowOffset`, `rowStride` values apart;
 * output column xx reads source column `colOffset + xx`.
 */
function verticalPass(
  src: Pixels8['data'],
  pixelStride: number,
  rowStride: number,
  colOffset: number,
  rowOffset: number,
  outChannels: 1 | 3,
  coeffs: Coefficients,
  outWidth: number,
  outHeight: number,
): Uint8Array {
  const { bounds, weights, ksize } = coeffs;
  const out = new Uint8Array(outWidth * outHeight * outChannels);
  let o = 0;
  for (let yy = 0; yy < outHeight; yy++) {
    const n = bounds[yy * 2 + 1];
    const kBase = yy * ksize;
    const firstRow = (bounds[yy * 2] - rowOffset) * rowStride;
    for (let xx = 0; xx < outWidth; xx++) {
      let p = firstRow + (colOffset + xx) * pixelStride;
      if (outChannels === 3) {
        let s0 = HALF;
        let s1 = HALF;
        let s2 = HALF;
        for (let y = 0; y < n; y++) {
          const k = weights[kBase + y];
          s0 += src[p] * k;
          s1 += src[p + 1] * k;
          s2 += src[p + 2] * k;
          p += rowStride;
        }
        out[o] = clip8(s0);
        out[o + 1] = clip8(s1);
        out[o + 2] = clip8(s2);
        o += 3;
      } else {
        let s0 = HALF;
        for (let y = 0; y < n; y++) {
          s0 += src[p] * weights[kBase + y];
          p += rowStride;
        }
        out[o++] = clip8(s0);
      }
    }
  }
  return out;
}

/** Copies a rectangle of the source, dropping alpha (Pillow returns a copy for an unchanged size). */
function copyWindow(image: Pixels8, outChannels: 1 | 3, win: PixelRect): Uint8Array {
  const { data, width, channels } = image;
  const out = new Uint8Array(win.width * win.height * outChannels);
  let o = 0;
  for (let y = 0; y < win.height; y++) {
    let p = ((win.y + y) * width + win.x) * channels;
    for (let x = 0; x < win.width; x++) {
      for (let c = 0; c < outChannels; c++) out[o++] = data[p + c];
      p += channels;
    }
  }
  return out;
}

/**
 * Source index for each output index 0..end-1 along one axis, as Pillow's ImagingScaleAffine
 * computes it: a double accumulator stepping by in/out from half a step, truncated; -1 when
 * outside the source (Pillow then fills with 0).
 */
function nearestTable(inSize: number, outSize: number, end: number): Int32Array {
  const step = inSize / outSize;
  const table = new Int32Array(end);
  let pos = step * 0.5;
  for (let i = 0; i < end; i++) {
    const index = pos < 0 ? -1 : Math.trunc(pos);
    table[i] = index < inSize ? index : -1;
    pos += step;
  }
  return table;
}

function resampleNearest(image: Pixels8, width: number, height: number, outChannels: 1 | 3, win: PixelRect): Uint8Array {
  const { data, channels } = image;
  const xs = nearestTable(image.width, width, win.x + win.width);
  const ys = nearestTable(image.height, height, win.y + win.height);
  const out = new Uint8Array(win.width * win.height * outChannels);
  let o = 0;
  for (let y = 0; y < win.height; y++) {
    const sy = ys[win.y + y];
    for (let x = 0; x < win.width; x++) {
      const sx = xs[win.x + x];
      if (sy < 0 || sx < 0) {
        o += outChannels;
        continue;
      }
      const p = (sy * image.width + sx) * channels;
      for (let c = 0; c < outChannels; c++) out[o++] = data[p + c];
    }
  }
  return out;
}

function checkImage(image: Pixels8): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`resample: invalid image size ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new Error(`resample: unsupported channel count ${channels}`);
  if (data.length < width * height * channels) {
    throw new Error(`resample: pixel buffer holds ${data.length} values, ${width}×${height}×${channels} needs ${width * height * channels}`);
  }
}

/**
 * Resizes `image` to width×height like Pillow's `Image.resize(size, filter)` and returns the
 * pixels inside `window` (default: all of them). Output has 3 channels (1 for gray input).
 */
export function resample(image: Pixels8, width: number, height: number, filter: ResampleFilter, window?: PixelRect): ResampledPixels {
  checkImage(image);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`resample: invalid output size ${width}×${height}`);
  }
  const win = window ?? { x: 0, y: 0, width, height };
  if (
    !Number.isInteger(win.x) || !Number.isInteger(win.y) || !Number.isInteger(win.width) || !Number.isInteger(win.height) ||
    win.x < 0 || win.y < 0 || win.width <= 0 || win.height <= 0 || win.x + win.width > width || win.y + win.height > height
  ) {
    throw new Error(`resample: window ${JSON.stringify(win)} is not inside the ${width}×${height} output`);
  }
  const outChannels: 1 | 3 = image.channels === 1 ? 1 : 3;
  const result = (data: Uint8Array): ResampledPixels => ({ data, width: win.width, height: win.height, channels: outChannels });

  const needHorizontal = width !== image.width;
  const needVertical = height !== image.height;
  if (!needHorizontal && !needVertical) return result(copyWindow(image, outChannels, win));
  if (filter === 'nearest') return result(resampleNearest(image, width, height, outChannels, win));

  const kernel = KERNELS[filter];
  if (!kernel) throw new Error(`resample: unknown filter ${String(filter)}`);

  const vertical = needVertical ? precomputeCoefficients(image.height, height, win.y, win.height, kernel) : null;
  if (!needHorizontal) {
    // Vertical only: read the source directly, columns offset by the window.
    return result(verticalPass(image.data, image.channels, image.width * image.channels, win.x, 0, outChannels, vertical!, win.width, win.height));
  }

  const horizontal = precomputeCoefficients(image.width, width, win.x, win.width, kernel);
  if (!vertical) {
    return result(horizontalPass(image.data, image.width, image.channels, outChannels, win.y, win.height, horizontal, win.width));
  }
  // Only the source rows the vertical pass will read (Pillow's ybox_first..ybox_last).
  const firstRow = vertical.bounds[0];
  const last = (win.height - 1) * 2;
  const endRow = vertical.bounds[last] + vertical.bounds[last + 1];
  const temp = horizontalPass(image.data, image.width, image.channels, outChannels, firstRow, endRow - firstRow, horizontal, win.width);
  return result(verticalPass(temp, outChannels, win.width * outChannels, 0, firstRow, outChannels, vertical, win.width, win.height));
}
