/**
 * Gallery thumbnails: a small copy of each image, so a 12-megapixel photo's card does not keep a
 * 48 MB decoded image alive (the browser keeps decoded <img> pixels while the image is shown).
 * The worker decodes the original for CLIP; the page only ever shows this copy.
 *
 * Where the browser has WebCodecs' ImageDecoder, a JPEG is decoded straight at a reduced size (the
 * decoder scales by 1/2, 1/4 or 1/8 while decoding): a 12 MP photo costs ~3 MB here instead of a
 * 48 MB full-size decode next to the worker's own (BENCHMARKS.md, "Memory"). Other formats, and
 * browsers without ImageDecoder, are decoded whole and scaled down.
 *
 * One image is decoded here at a time (`queue`): eight 100-megapixel photos dropped together would
 * otherwise be decoded at once. Images that are already small are shown as they are.
 */

/** Longest side of a thumbnail in pixels: a card is at most ~240 CSS px wide, ×2 for sharp screens. */
export const THUMBNAIL_SIZE = 480;

let queue: Promise<unknown> = Promise.resolve();

/** An object URL of a thumbnail of `file`, or null when the browser cannot decode it. */
export function thumbnailUrl(file: Blob): Promise<string | null> {
  const next = queue.then(() => makeThumbnail(file));
  queue = next.catch(() => undefined);
  return next;
}

/** A decoded image, its size as shown (EXIF orientation applied), and a way to scale it down. */
interface Decoded {
  width: number;
  height: number;
  scaled(width: number, height: number): Promise<ImageBitmap>;
  close(): void;
}

async function makeThumbnail(file: Blob): Promise<string | null> {
  const decoded = (await decodeReduced(file)) ?? (await decodeWhole(file));
  if (!decoded) return null; // not an image, or corrupt: the worker's error card says which
  try {
    const { width, height } = decoded;
    const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(width, height));
    // A reduced decode keeps more than a quarter of its budget's area, so only a small image gets here.
    if (scale === 1) return URL.createObjectURL(file);
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const small = await decoded.scaled(w, h);
    try {
      const canvas = new OffscreenCanvas(w, h);
      canvas.getContext('2d')?.drawImage(small, 0, 0);
      // WebP keeps transparency (a drawn sketch) at a fraction of PNG's size.
      return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 }));
    } finally {
      small.close();
    }
  } finally {
    decoded.close();
  }
}

/**
 * The image decoded at no more than (2 × THUMBNAIL_SIZE)² pixels, or null where ImageDecoder is
 * missing, does not take this type or fails (the whole decode then says whether it is an image).
 * The frame is scaled with createImageBitmap, not drawn on a canvas: drawing a VideoFrame kept its
 * shared memory in the renderer (measured: +146 MB over 40 photos; +2 MB this way).
 */
async function decodeReduced(file: Blob): Promise<Decoded | null> {
  if (typeof ImageDecoder === 'undefined' || !file.type.startsWith('image/')) return null;
  let decoder: ImageDecoder | null = null;
  try {
    if (!(await ImageDecoder.isTypeSupported(file.type))) return null;
    // An area budget: a 4000×3000 JPEG comes out 1000×750.
    const budget = 2 * THUMBNAIL_SIZE;
    decoder = new ImageDecoder({ data: file.stream(), type: file.type, desiredWidth: budget, desiredHeight: budget, preferAnimation: false });
    const { image } = await decoder.decode({ frameIndex: 0 });
    return {
      // The frame as shown: a rotated photo's EXIF orientation is applied.
      width: image.displayWidth,
      height: image.displayHeight,
      scaled: (resizeWidth, resizeHeight) => createImageBitmap(image, { resizeWidth, resizeHeight, resizeQuality: 'high' }),
      close: () => image.close(),
    };
  } catch {
    return null;
  } finally {
    decoder?.close();
  }
}

async function decodeWhole(file: Blob): Promise<Decoded | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  return {
    width: bitmap.width,
    height: bitmap.height,
    scaled: (resizeWidth, resizeHeight) => createImageBitmap(bitmap, { resizeWidth, resizeHeight, resizeQuality: 'medium' }),
    close: () => bitmap.close(),
  };
}
