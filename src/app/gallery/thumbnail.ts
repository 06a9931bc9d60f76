/**
 * Gallery thumbnails: a small copy of each image, so a 12-megapixel photo's card does not keep a
 * 48 MB decoded image alive (the browser keeps decoded <img> pixels while the image is shown).
 * The worker decodes the original for CLIP; the page only ever shows this copy.
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

async function makeThumbnail(file: Blob): Promise<string | null> {
  let original: ImageBitmap;
  try {
    original = await createImageBitmap(file);
  } catch {
    return null; // not an image, or corrupt: the worker's error card says which
  }
  try {
    const { width, height } = original;
    const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(width, height));
    if (scale === 1) return URL.createObjectURL(file);
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const small = await createImageBitmap(original, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' });
    try {
      const canvas = new OffscreenCanvas(w, h);
      canvas.getContext('2d')?.drawImage(small, 0, 0);
      // WebP keeps transparency (a drawn sketch) at a fraction of PNG's size.
      return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 }));
    } finally {
      small.close();
    }
  } finally {
    original.close();
  }
}
