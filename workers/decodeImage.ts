/**
 * Decoding an image file to 8-bit RGBA in the worker, keeping colour values the way the reference
 * CLIP pipeline (Pillow) sees them: no colour-space conversion and no alpha premultiplication
 * (a canvas premultiplies, which destroys the colour of translucent pixels).
 */
export interface DecodedImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 4;
}

/** Larger images would need gigabytes of memory to decode; phones take at most ~50 MP. */
export const MAX_PIXELS = 100_000_000;

export class ImageInputError extends Error {}

export async function decodeImage(blob: Blob, name: string): Promise<DecodedImage> {
  const type = blob.type || (await sniffImageType(blob));
  if (!type || !type.startsWith('image/')) {
    throw new ImageInputError(`${name} is not an image${blob.type ? ` (${blob.type})` : ''}`);
  }
  if (blob.size === 0) throw new ImageInputError(`${name} is empty`);
  const viaDecoder = await decodeWithImageDecoder(blob, type).catch(() => null);
  if (viaDecoder) return checkSize(viaDecoder, name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch {
    throw new ImageInputError(`${name} could not be decoded: the file is corrupt or not a supported image format`);
  }
  try {
    checkDimensions(bitmap.width, bitmap.height, name);
    return readBitmap(bitmap);
  } finally {
    bitmap.close();
  }
}

/** RGBA pixels of a bitmap (a decoded file or a camera frame). */
export function readBitmap(bitmap: ImageBitmap): DecodedImage {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new ImageInputError('This browser has no 2D canvas to read the image with');
  context.drawImage(bitmap, 0, 0);
  const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
  return { data: pixels.data, width: bitmap.width, height: bitmap.height, channels: 4 };
}

function checkDimensions(width: number, height: number, name: string): void {
  if (width * height > MAX_PIXELS) {
    throw new ImageInputError(`${name} is too large (${width}×${height}, over ${MAX_PIXELS / 1e6} megapixels)`);
  }
}

function checkSize(image: DecodedImage, name: string): DecodedImage {
  checkDimensions(image.width, image.height, name);
  return image;
}

/**
 * WebCodecs' ImageDecoder hands out the decoded RGBA without premultiplying. Only used for formats
 * that decode to RGB(A) frames (PNG, WebP, GIF): JPEG frames come as YUV, and the canvas path
 * decodes those exactly like libjpeg.
 */
async function decodeWithImageDecoder(blob: Blob, type: string): Promise<DecodedImage | null> {
  if (typeof ImageDecoder === 'undefined' || !/^image\/(png|webp|gif|apng)$/.test(type)) return null;
  if (!(await ImageDecoder.isTypeSupported(type))) return null;
  // premultiplyAlpha and colorSpaceConversion are in the WebCodecs spec but not yet in TypeScript's DOM types.
  const init = { data: blob.stream(), type, premultiplyAlpha: 'none', colorSpaceConversion: 'none' } as ImageDecoderInit;
  const decoder = new ImageDecoder(init);
  try {
    const { image } = await decoder.decode({ frameIndex: 0 });
    try {
      if (!image.format || !/^(RGB|BGR)/.test(image.format)) return null;
      const width = image.displayWidth;
      const height = image.displayHeight;
      if (width * height > MAX_PIXELS) return { data: new Uint8Array(0), width, height, channels: 4 };
      const data = new Uint8Array(width * height * 4);
      await image.copyTo(data, { format: 'RGBA' } as VideoFrameCopyToOptions);
      return { data, width, height, channels: 4 };
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
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
