/**
 * CLIP image preprocessing: 8-bit pixels in, channels-first float32 out, the same numbers as the
 * Python CLIPImageProcessor on the configured backend (see config.ts): convert to RGB → resize →
 * centre crop → rescale → normalise. (Or, as an option, the whole image letterboxed first: fit.ts.)
 *
 * The steps are fused without changing the result:
 * - RGB conversion happens while resampling reads the source (alpha skipped, gray kept as one
 *   channel and replicated at the end), so a large photo is never copied whole.
 * - Only the resized pixels that survive the crop are computed (see `window` in resample.ts).
 * - Rescale and normalise are one table lookup per 8-bit value and channel (valueTables.ts).
 */
import type { PreprocessorConfig } from './config';
import { fitImage, type ImageFit } from './fit';
import { cropOffset, resizedSize } from './geometry';
import { resample, type PixelRect } from './resample';
import { valueTables } from './valueTables';

export { resizedSize } from './geometry';

export interface InputImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** 1 = gray, 3 = RGB, 4 = RGBA (straight, not premultiplied, alpha). */
  channels: 1 | 3 | 4;
}

export interface PreprocessedBatch {
  data: Float32Array;
  dims: [number, 3, number, number];
}

function checkInput(image: InputImage): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`preprocessImage: invalid image size ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new Error(`preprocessImage: unsupported channel count ${String(channels)}`);
  if (data.length < width * height * channels) {
    throw new Error(`preprocessImage: pixel buffer holds ${data.length} values, ${width}×${height}×${channels} needs ${width * height * channels}`);
  }
}

/** Writes one image's [3, H, W] floats into `out` at `offset`. */
function preprocessInto(input: InputImage, config: PreprocessorConfig, fit: ImageFit, tables: Float32Array, out: Float32Array, offset: number): void {
  checkInput(input);
  const image = fitImage(input, config, fit);
  const resized = resizedSize(image.width, image.height, config.resize);
  const outW = config.outputWidth;
  const outH = config.outputHeight;

  // Crop rectangle in resized coordinates; it may stick out of the image (then zero padding).
  const left = config.crop ? cropOffset(resized.width, outW, config) : 0;
  const top = config.crop ? cropOffset(resized.height, outH, config) : 0;
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(resized.width, left + outW);
  const y1 = Math.min(resized.height, top + outH);
  const window: PixelRect = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };

  const pixels = resample(image, resized.width, resized.height, { filter: config.resample, backend: config.backend }, window);
  const ch = pixels.channels;
  const plane = outW * outH;

  for (let c = 0; c < 3; c++) {
    const tableBase = c * 256;
    // HF pads with 0 before rescaling, so padding becomes the normalised value of 0.
    const padValue = tables[tableBase]!;
    const srcChannel = ch === 1 ? 0 : c;
    for (let oy = 0; oy < outH; oy++) {
      const rowOut = offset + c * plane + oy * outW;
      const ry = oy + top;
      if (ry < y0 || ry >= y1) {
        out.fill(padValue, rowOut, rowOut + outW);
        continue;
      }
      const rowIn = (ry - y0) * window.width;
      for (let ox = 0; ox < outW; ox++) {
        const rx = ox + left;
        out[rowOut + ox] = rx < x0 || rx >= x1 ? padValue : tables[tableBase + pixels.data[(rowIn + rx - x0) * ch + srcChannel]!]!;
      }
    }
  }
}

/**
 * One image → Float32Array [3, outputHeight, outputWidth], channels first, RGB. `fit` (fit.ts):
 * CLIP's reference centre crop, or the whole image letterboxed first.
 */
export function preprocessImage(image: InputImage, config: PreprocessorConfig, fit: ImageFit = 'crop'): Float32Array {
  const out = new Float32Array(3 * config.outputWidth * config.outputHeight);
  preprocessInto(image, config, fit, valueTables(config), out, 0);
  return out;
}

/** Several images into one [n, 3, H, W] buffer, ready to become the vision tower's input tensor. */
export function preprocessBatch(images: readonly InputImage[], config: PreprocessorConfig, fit: ImageFit = 'crop'): PreprocessedBatch {
  const perImage = 3 * config.outputWidth * config.outputHeight;
  const data = new Float32Array(images.length * perImage);
  const tables = valueTables(config);
  images.forEach((image, i) => preprocessInto(image, config, fit, tables, data, i * perImage));
  return { data, dims: [images.length, 3, config.outputHeight, config.outputWidth] };
}
