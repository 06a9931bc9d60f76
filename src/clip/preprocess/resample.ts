/**
 * Bit-exact resizing of 8-bit images, as either of Hugging Face's image-processor backends does it:
 * "torchvision" (its default: torchvision's `resize` on a uint8 tensor, i.e. PyTorch's antialiased
 * uint8 kernel) or "pil" (Pillow's `Image.resize`). CLIP's reference pixels come from these, and
 * "some bicubic" is not good enough to reproduce them: the integer arithmetic is reproduced step by
 * step so every 8-bit result is the same.
 *
 * What both libraries do for bilinear and bicubic (PyTorch's kernel is a port of Pillow-SIMD):
 * - Separable, two passes: horizontal first, then vertical. Each pass rounds and clips to 8 bits,
 *   so the intermediate image is 8-bit too (doing it in float would give different pixels).
 * - Each output is sum(source × integer weight), started at one half and shifted right by the
 *   weights' fraction bits, clipped to 0..255. Only the weights differ: see coefficients.ts.
 * - A pass is skipped when its dimension does not change; same size on both axes is a copy.
 * - NEAREST uses no weights; its index rounding is per backend (nearest.ts).
 *
 * Which "torchvision" this is: torchvision resizes uint8 natively only on CPU, and for bilinear only
 * on CPUs with AVX2; elsewhere (GPU; bilinear on e.g. ARM) it converts to float32, resizes and
 * rounds, which can differ by a level. Bicubic on CPU, what CLIP uses, is always this kernel.
 *
 * Liberties that keep the result identical but save work:
 * - `window` computes only part of the resized image (e.g. what a centre crop keeps). Each output
 *   pixel depends only on its own coefficients, so skipping the others changes nothing; the
 *   horizontal pass only runs over the source rows the vertical pass reads.
 * - The source may have 4 channels (RGBA) or 1 (gray); alpha is ignored while reading rather than
 *   copying a 12-megapixel image to RGB first, and gray stays 1 channel (converting to RGB
 *   replicates the value, and the same filter on three equal channels gives equal results).
 */
import { coefficients, type Coefficients } from './coefficients';
import { nearestTable } from './nearest';

export type ResampleFilter = 'nearest' | 'bilinear' | 'bicubic';

/** Hugging Face's names for its image-processor backends (`backend=` in transformers 5). */
export type ImageProcessorBackend = 'torchvision' | 'pil';

/** How to resize: the filter, and whose arithmetic to reproduce. */
export interface ResampleMethod {
  filter: ResampleFilter;
  backend: ImageProcessorBackend;
}

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
  const { bounds, weights, ksize, precision } = coeffs;
  const half = 1 << (precision - 1);
  const out = new Uint8Array(rowCount * outWidth * outChannels);
  let o = 0;
  for (let r = 0; r < rowCount; r++) {
    const rowBase = (rowStart + r) * srcWidth * srcChannels;
    for (let xx = 0; xx < outWidth; xx++) {
      const n = bounds[xx * 2 + 1]!;
      const kBase = xx * ksize;
      let p = rowBase + bounds[xx * 2]! * srcChannels;
      if (outChannels === 3) {
        let s0 = half;
        let s1 = half;
        let s2 = half;
        for (let x = 0; x < n; x++) {
          const k = weights[kBase + x]!;
          s0 += src[p]! * k;
          s1 += src[p + 1]! * k;
          s2 += src[p + 2]! * k;
          p += srcChannels;
        }
        out[o] = clip8(s0, precision);
        out[o + 1] = clip8(s1, precision);
        out[o + 2] = clip8(s2, precision);
        o += 3;
      } else {
        let s0 = half;
        for (let x = 0; x < n; x++) {
          s0 += src[p]! * weights[kBase + x]!;
          p += srcChannels;
        }
        out[o++] = clip8(s0, precision);
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
  const { bounds, weights, ksize, precision } = coeffs;
  const half = 1 << (precision - 1);
  const out = new Uint8Array(outWidth * outHeight * outChannels);
  let o = 0;
  for (let yy = 0; yy < outHeight; yy++) {
    const n = bounds[yy * 2 + 1]!;
    const kBase = yy * ksize;
    const firstRow = (bounds[yy * 2]! - rowOffset) * rowStride;
    for (let xx = 0; xx < outWidth; xx++) {
      let p = firstRow + (colOffset + xx) * pixelStride;
      if (outChannels === 3) {
        let s0 = half;
        let s1 = half;
        let s2 = half;
        for (let y = 0; y < n; y++) {
          const k = weights[kBase + y]!;
          s0 += src[p]! * k;
          s1 += src[p + 1]! * k;
          s2 += src[p + 2]! * k;
          p += rowStride;
        }
        out[o] = clip8(s0, precision);
        out[o + 1] = clip8(s1, precision);
        out[o + 2] = clip8(s2, precision);
        o += 3;
      } else {
        let s0 = half;
        for (let y = 0; y < n; y++) {
          s0 += src[p]! * weights[kBase + y]!;
          p += rowStride;
        }
        out[o++] = clip8(s0, precision);
      }
    }
  }
  return out;
}

/** Drop the fraction bits (arithmetic shift, as in C) and saturate to 0..255. */
function clip8(sum: number, precision: number): number {
  const v = sum >> precision;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Copies a rectangle of the source, dropping alpha (both libraries copy an unchanged size). */
function copyWindow(image: Pixels8, outChannels: 1 | 3, win: PixelRect): Uint8Array {
  const { data, width, channels } = image;
  const out = new Uint8Array(win.width * win.height * outChannels);
  let o = 0;
  for (let y = 0; y < win.height; y++) {
    let p = ((win.y + y) * width + win.x) * channels;
    for (let x = 0; x < win.width; x++) {
      for (let c = 0; c < outChannels; c++) out[o++] = data[p + c]!;
      p += channels;
    }
  }
  return out;
}

function resampleNearest(image: Pixels8, width: number, height: number, outChannels: 1 | 3, win: PixelRect, backend: ImageProcessorBackend): Uint8Array {
  const { data, channels } = image;
  const xs = nearestTable(image.width, width, win.x + win.width, backend);
  const ys = nearestTable(image.height, height, win.y + win.height, backend);
  const out = new Uint8Array(win.width * win.height * outChannels);
  let o = 0;
  for (let y = 0; y < win.height; y++) {
    const sy = ys[win.y + y]!;
    for (let x = 0; x < win.width; x++) {
      const sx = xs[win.x + x]!;
      if (sy < 0 || sx < 0) {
        o += outChannels;
        continue;
      }
      const p = (sy * image.width + sx) * channels;
      for (let c = 0; c < outChannels; c++) out[o++] = data[p + c]!;
    }
  }
  return out;
}

function checkImage(image: Pixels8): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`resample: invalid image size ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new Error(`resample: unsupported channel count ${String(channels)}`);
  if (data.length < width * height * channels) {
    throw new Error(`resample: pixel buffer holds ${data.length} values, ${width}×${height}×${channels} needs ${width * height * channels}`);
  }
}

/**
 * Resizes `image` to width×height as `method.backend` would with `method.filter`, and returns the
 * pixels inside `window` (default: all of them). Output has 3 channels (1 for gray input).
 */
export function resample(image: Pixels8, width: number, height: number, method: ResampleMethod, window?: PixelRect): ResampledPixels {
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
  const { filter, backend } = method;
  if (backend !== 'pil' && backend !== 'torchvision') throw new Error(`resample: unknown backend ${String(backend)}`);
  if (filter !== 'nearest' && filter !== 'bilinear' && filter !== 'bicubic') throw new Error(`resample: unknown filter ${String(filter)}`);
  const outChannels: 1 | 3 = image.channels === 1 ? 1 : 3;
  const result = (data: Uint8Array): ResampledPixels => ({ data, width: win.width, height: win.height, channels: outChannels });

  const needHorizontal = width !== image.width;
  const needVertical = height !== image.height;
  if (!needHorizontal && !needVertical) return result(copyWindow(image, outChannels, win));
  if (filter === 'nearest') return result(resampleNearest(image, width, height, outChannels, win, backend));

  const vertical = needVertical ? coefficients(image.height, height, win.y, win.height, filter, backend) : null;
  if (!needHorizontal) {
    // Vertical only: read the source directly, columns offset by the window.
    return result(verticalPass(image.data, image.channels, image.width * image.channels, win.x, 0, outChannels, vertical!, win.width, win.height));
  }

  const horizontal = coefficients(image.width, width, win.x, win.width, filter, backend);
  if (!vertical) {
    return result(horizontalPass(image.data, image.width, image.channels, outChannels, win.y, win.height, horizontal, win.width));
  }
  // Only the source rows the vertical pass will read (Pillow's ybox_first..ybox_last).
  // `bounds` holds [first row, row count] for each of the window's win.height ≥ 1 output rows.
  const { bounds } = vertical;
  const firstRow = bounds[0]!;
  const last = (win.height - 1) * 2;
  const endRow = bounds[last]! + bounds[last + 1]!;
  const temp = horizontalPass(image.data, image.width, image.channels, outChannels, firstRow, endRow - firstRow, horizontal, win.width);
  return result(verticalPass(temp, outChannels, win.width * outChannels, 0, firstRow, outChannels, vertical, win.width, win.height));
}
