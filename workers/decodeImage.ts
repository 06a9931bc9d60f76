/**
 * Decoding an image file to 8-bit RGBA in the worker, keeping colour values the way the reference
 * CLIP pipeline (Pillow) sees them: no colour-space conversion and no alpha premultiplication
 * (a canvas premultiplies, which destroys the colour of translucent pixels).
 *
 * Failures are ClipErrors with the image's name as `file`: `not-image`, `decode` (corrupt, empty
 * or unsupported), `limit` (too many pixels).
 */
import { decodePngRgba, needsJsDecoding, pngInfo } from './decodePng';
import { ClipError, type ClipErrorKind } from './errors';

export interface DecodedImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 4;
}

/** Larger images would need gigabytes of memory to decode; phones take at most ~50 MP. */
export const MAX_PIXELS = 100_000_000;

function imageError(kind: ClipErrorKind, name: string, message: string, cause?: unknown): ClipError {
  return new ClipError({ kind, message, file: name }, { cause });
}

export async function decodeImage(blob: Blob, name: string): Promise<DecodedImage> {
  const type = blob.type || (await sniffImageType(blob));
  if (!type || !type.startsWith('image/')) {
    throw imageError('not-image', name, `${name} is not an image${blob.type ? ` (${blob.type})` : ''}`);
  }
  if (blob.size === 0) throw imageError('decode', name, `${name} is empty`);
  const transparentPng = await decodeTransparentPng(blob, type).catch(() => null);
  if (transparentPng) return checkSize(transparentPng, name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch (error) {
    throw imageError('decode', name, `${name} could not be decoded: the file is corrupt or not a supported image format`, error);
  }
  try {
    checkDimensions(bitmap.width, bitmap.height, name);
    return readBitmap(bitmap);
  } finally {
    bitmap.close();
  }
}

/**
 * One canvas reused while the size stays the same: camera frames come many times a second. Big
 * photos get their own canvas, so tens of megabytes are not held after they are read.
 */
let scratch: OffscreenCanvas | null = null;
const SCRATCH_MAX_PIXELS = 4_000_000;

/**
 * RGBA pixels of a bitmap (a decoded file or a camera frame). The bitmap is closed once drawn and a
 * big photo's canvas emptied once read, so a 12 MP photo holds one 48 MB copy at a time, not three.
 */
export function readBitmap(bitmap: ImageBitmap): DecodedImage {
  const { width, height } = bitmap;
  const reusable = width * height <= SCRATCH_MAX_PIXELS;
  if (reusable && (!scratch || scratch.width !== width || scratch.height !== height)) {
    scratch = new OffscreenCanvas(width, height);
  }
  const canvas = reusable && scratch ? scratch : new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new ClipError({ kind: 'internal', message: 'This browser has no 2D canvas to read the image with' });
  context.clearRect(0, 0, width, height); // a transparent frame must not show the last one
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const pixels = context.getImageData(0, 0, width, height);
  if (canvas !== scratch) {
    canvas.width = 0; // frees its backing store now, not when the canvas is collected
    canvas.height = 0;
  }
  return { data: pixels.data, width, height, channels: 4 };
}

function checkDimensions(width: number, height: number, name: string): void {
  if (width * height > MAX_PIXELS) {
    throw imageError('limit', name, `${name} is too large (${width}×${height}, over ${MAX_PIXELS / 1e6} megapixels)`);
  }
}

function checkSize(image: DecodedImage, name: string): DecodedImage {
  checkDimensions(image.width, image.height, name);
  return image;
}

/**
 * PNGs with transparency (an alpha channel or a tRNS chunk) are decoded in JavaScript: see
 * decodePng.ts for why the browser's pixels differ from Pillow's for them. Others (and every
 * other format) decode exactly in the browser with the options above.
 */
async function decodeTransparentPng(blob: Blob, type: string): Promise<DecodedImage | null> {
  if (type !== 'image/png') return null;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const info = pngInfo(bytes);
  if (!info || !needsJsDecoding(info)) return null;
  if (info.width * info.height > MAX_PIXELS) return { data: new Uint8Array(0), width: info.width, height: info.height, channels: 4 };
  return decodePngRgba(bytes);
}

/** Files dropped from some places come without a MIME type: look at the first bytes. */
async function sniffImageType(blob: Blob): Promise<string | null> {
  const head = new Uint8Array(await blob.slice(0, 12).arrayBuffer());
  const ascii = String.fromCharCode(...head);
  if (head[0] === 0x89 && ascii.slice(1, 4) === 'PNG') return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8) return 'image/jpeg';
  if (ascii.startsWith('GIF8')) return 'image/gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'image/webp';
  if (ascii.startsWith('BM')) return 'image/bmp';
  if (ascii.slice(4, 12).includes('ftypavif')) return 'image/avif';
  return null;
}
