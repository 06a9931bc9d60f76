/**
 * Gallery thumbnails: a small copy of each image, so a 12-megapixel photo's card does not keep a
 * 48 MB decoded image alive (the browser keeps decoded <img> pixels while the image is shown).
 * The worker decodes the original for CLIP; the page only ever shows this copy.
 *
 * Where the browser has WebCodecs' ImageDecoder, a JPEG is decoded straight at a reduced size
 * (Chromium scales it by n/8 while decoding, down to 1/8): a 12 MP photo costs ~3 MB here instead
 * of a 48 MB full-size decode next to the worker's own (BENCHMARKS.md, "Memory"). Other formats,
 * browsers without ImageDecoder, and any failure on the way are decoded whole and scaled down.
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
  const reduced = await decodeReduced(file);
  if (reduced) {
    try {
      return await thumbnailOf(file, reduced);
    } catch {
      // Scaling the reduced frame failed: the whole decode below gets its chance.
    }
  }
  const whole = await decodeWhole(file);
  return whole ? thumbnailOf(file, whole) : null; // null: not an image, or corrupt: the worker's error card says which
}

async function thumbnailOf(file: Blob, decoded: Decoded): Promise<string> {
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
 * A JPEG decoded at no more than (2 × THUMBNAIL_SIZE)² pixels, or null where ImageDecoder is
 * missing or fails, or gives a frame of another shape than the file's. The desired size is a
 * pixel budget to Chromium, which keeps the shape; another browser may decode to exactly the size
 * asked for (a square), so the frame's shape is checked against the file's header.
 * The frame is scaled with createImageBitmap, not drawn on a canvas: drawing a VideoFrame kept its
 * shared memory in the renderer (measured: +146 MB over 40 photos; +2 MB this way).
 */
async function decodeReduced(file: Blob): Promise<Decoded | null> {
  if (typeof ImageDecoder === 'undefined' || file.type !== 'image/jpeg') return null;
  let decoder: ImageDecoder | null = null;
  let frame: VideoFrame | null = null;
  try {
    const stored = jpegSize(new Uint8Array(await file.slice(0, JPEG_HEADER_BYTES).arrayBuffer()));
    if (!stored || !(await ImageDecoder.isTypeSupported(file.type))) return null;
    const budget = 2 * THUMBNAIL_SIZE;
    decoder = new ImageDecoder({ data: file.stream(), type: file.type, desiredWidth: budget, desiredHeight: budget, preferAnimation: false });
    frame = (await decoder.decode({ frameIndex: 0 })).image;
    // codedWidth/Height are the pixels as stored (before the EXIF orientation), like the header's.
    const sameShape = Math.abs(frame.codedWidth * stored.height - frame.codedHeight * stored.width) <= Math.max(stored.width, stored.height);
    if (!sameShape) return null;
    const image = frame;
    frame = null; // handed over: closed by the Decoded
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
    frame?.close();
    decoder?.close();
  }
}

/** Enough of a JPEG to reach its frame header past the EXIF and colour-profile segments. */
const JPEG_HEADER_BYTES = 256 * 1024;

/** The stored size of a JPEG from its start-of-frame header, or null when it is not in `head`. */
export function jpegSize(head: Uint8Array): { width: number; height: number } | null {
  if (head[0] !== 0xff || head[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < head.length) {
    if (head[at] !== 0xff) return null;
    const marker = head[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = (head[at + 2]! << 8) | head[at + 3]!;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (head[at + 5]! << 8) | head[at + 6]!;
      const width = (head[at + 7]! << 8) | head[at + 8]!;
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (marker === 0xda || length < 2) return null; // image data before any frame header
    at += 2 + length;
  }
  return null;
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
