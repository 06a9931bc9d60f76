/**
 * Decoding an image file to 8-bit RGBA in the worker, keeping colour values the way the reference
 * CLIP pipeline (Pillow) sees them: no colour-space conversion and no alpha premultiplication
 * (a canvas premultiplies, which destroys the colour of translucent pixels).
 *
 * Failures are ClipErrors with the image's name as `file`: `not-image`, `decode` (corrupt, empty
 * or unsupported), `limit` (too many pixels).
 */
import { decode as decodePng } from 'fast-png';
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
  const alphaPng = await decodeAlphaPng(blob, type).catch(() => null);
  if (alphaPng) return checkSize(alphaPng, name);
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

/** RGBA pixels of a bitmap (a decoded file or a camera frame). */
export function readBitmap(bitmap: ImageBitmap): DecodedImage {
  const reusable = bitmap.width * bitmap.height <= SCRATCH_MAX_PIXELS;
  if (reusable && (!scratch || scratch.width !== bitmap.width || scratch.height !== bitmap.height)) {
    scratch = new OffscreenCanvas(bitmap.width, bitmap.height);
  }
  const canvas = reusable && scratch ? scratch : new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new ClipError({ kind: 'internal', message: 'This browser has no 2D canvas to read the image with' });
  context.clearRect(0, 0, bitmap.width, bitmap.height); // a transparent frame must not show the last one
  context.drawImage(bitmap, 0, 0);
  const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
  return { data: pixels.data, width: bitmap.width, height: bitmap.height, channels: 4 };
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
 * PNGs with an alpha channel are decoded in JavaScript: the browser's decoders zero the colour of
 * fully transparent pixels, while the reference (Pillow, then dropping alpha) keeps it.
 */
async function decodeAlphaPng(blob: Blob, type: string): Promise<DecodedImage | null> {
  if (type !== 'image/png') return null;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  // IHDR colour type (byte 25): 4 = grey + alpha, 6 = RGBA.
  if (bytes.length < 33 || (bytes[25] !== 4 && bytes[25] !== 6)) return null;
  const width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
  const height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
  if (width * height > MAX_PIXELS) return { data: new Uint8Array(0), width, height, channels: 4 };
  const png = decodePng(bytes);
  const pixels = png.width * png.height;
  const data = new Uint8Array(pixels * 4);
  // 16-bit samples keep their high byte, as Pillow does when it reads them as 8-bit.
  const shift = png.depth === 16 ? 8 : 0;
  const source = png.data;
  for (let i = 0; i < pixels; i++) {
    if (png.channels === 2) {
      const grey = source[i * 2] >> shift;
      data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = grey;
      data[i * 4 + 3] = source[i * 2 + 1] >> shift;
    } else {
      for (let c = 0; c < 4; c++) data[i * 4 + c] = source[i * 4 + c] >> shift;
    }
  }
  return { data, width: png.width, height: png.height, channels: 4 };
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
