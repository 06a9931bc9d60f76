/**
 * How an image of any shape becomes the model's square input, and which part of it the model sees.
 *
 * - `crop` is CLIP's reference (what CLIPImageProcessor does): resize the shorter side to the
 *   model's size, then cut the centre square out. A wide or tall picture loses its sides: a subject
 *   at the edge of a panorama is never seen.
 * - `pad` letterboxes first: the whole image is centred in a square (the model's input shape)
 *   filled with the model's mean colour, then the reference steps run on that square, so nothing is
 *   cut and the picture only gets smaller. The mean colour becomes exactly 0 after normalisation,
 *   the least informative input (LLaVA's `expand2square` pads for CLIP the same way). The result is
 *   not what CLIP was trained on (its pictures were cropped), and a small subject gets smaller
 *   still; for an image already of the model's shape the two modes give identical pixels.
 */
import type { PreprocessorConfig } from './config';
import { cropOffset, resizedSize } from './geometry';
import type { InputImage } from './preprocess';

export type ImageFit = 'crop' | 'pad';

export const IMAGE_FITS: readonly ImageFit[] = ['crop', 'pad'];

export function isImageFit(value: unknown): value is ImageFit {
  return value === 'crop' || value === 'pad';
}

/** A rectangle in source-image pixels (it may reach outside the image: padding). */
export interface ImageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The 8-bit colour `pad` fills with: the value that normalises to 0 in each channel (the
 * normalisation mean in pixel units), or black when the model does not normalise (HF pads with 0).
 */
export function padColour(config: PreprocessorConfig): [number, number, number] {
  const { mean, rescale } = config;
  if (!mean) return [0, 0, 0];
  const toPixel = (m: number) => Math.min(255, Math.max(0, Math.round(rescale === null ? m : m / rescale)));
  return [toPixel(mean[0]), toPixel(mean[1]), toPixel(mean[2])];
}

/**
 * The size and offset of the letterbox: the smallest canvas with the model input's aspect ratio
 * that holds the whole image, with the image centred (rounded down, as HF's padding does).
 */
export function letterboxGeometry(width: number, height: number, config: PreprocessorConfig): { width: number; height: number; left: number; top: number } {
  const aspect = config.outputWidth / config.outputHeight;
  const canvasWidth = Math.max(width, Math.ceil(height * aspect));
  const canvasHeight = Math.max(height, Math.ceil(width / aspect));
  return { width: canvasWidth, height: canvasHeight, left: Math.floor((canvasWidth - width) / 2), top: Math.floor((canvasHeight - height) / 2) };
}

/** The whole image centred on a canvas of the model input's shape, filled with `padColour`: RGB. */
export function letterbox(image: InputImage, config: PreprocessorConfig): InputImage {
  const box = letterboxGeometry(image.width, image.height, config);
  const fill = padColour(config);
  const out = new Uint8Array(box.width * box.height * 3);
  for (let i = 0; i < out.length; i += 3) {
    out[i] = fill[0];
    out[i + 1] = fill[1];
    out[i + 2] = fill[2];
  }
  const { data, width, height, channels } = image;
  for (let y = 0; y < height; y++) {
    let o = ((y + box.top) * box.width + box.left) * 3;
    let s = y * width * channels;
    for (let x = 0; x < width; x++, o += 3, s += channels) {
      if (channels === 1) {
        out[o] = out[o + 1] = out[o + 2] = data[s]!;
      } else {
        out[o] = data[s]!;
        out[o + 1] = data[s + 1]!;
        out[o + 2] = data[s + 2]!;
      }
    }
  }
  return { data: out, width: box.width, height: box.height, channels: 3 };
}

/** The image the reference steps run on: the image itself (`crop`) or its letterbox (`pad`). */
export function fitImage(image: InputImage, config: PreprocessorConfig, fit: ImageFit): InputImage {
  if (fit === 'crop') return image;
  const box = letterboxGeometry(image.width, image.height, config);
  // Already the model's shape: padding would add nothing (and the copy would cost a full frame).
  if (box.width === image.width && box.height === image.height) return image;
  return letterbox(image, config);
}

/**
 * Where the model's input lies on a `width`×`height` source image, in source pixels: the centre
 * crop mapped back through the resize (`crop`), or the letterbox square around the image (`pad`).
 * Pure geometry from the preprocessor config, so the page can outline what the worker feeds the
 * model without asking it.
 */
export function modelInputRect(width: number, height: number, config: PreprocessorConfig, fit: ImageFit): ImageRect {
  if (fit === 'pad') {
    const box = letterboxGeometry(width, height, config);
    const inner = cropRect(box.width, box.height, config);
    return { ...inner, x: inner.x - box.left, y: inner.y - box.top };
  }
  return cropRect(width, height, config);
}

/** The centre crop of the reference steps, in source pixels. */
function cropRect(width: number, height: number, config: PreprocessorConfig): ImageRect {
  if (!config.crop) return { x: 0, y: 0, width, height };
  const resized = resizedSize(width, height, config.resize);
  // Resampling maps each axis by its own scale (source size / resized size).
  const sx = width / resized.width;
  const sy = height / resized.height;
  const left = cropOffset(resized.width, config.outputWidth, config);
  const top = cropOffset(resized.height, config.outputHeight, config);
  return { x: left * sx, y: top * sy, width: config.outputWidth * sx, height: config.outputHeight * sy };
}

/** The part of `rect` on the image (what an outline on the picture can show). */
export function clipToImage(rect: ImageRect, width: number, height: number): ImageRect {
  const x0 = Math.max(0, rect.x);
  const y0 = Math.max(0, rect.y);
  const x1 = Math.min(width, rect.x + rect.width);
  const y1 = Math.min(height, rect.y + rect.height);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}
