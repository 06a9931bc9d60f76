/** A photo for the pad's background, decoded once and kept no larger than the pad needs. */
import { PAD_SIZE } from './padStore';

/** Twice the pad's side on the short edge is sharp enough and keeps a 12 MP photo from holding 48 MB. */
const MAX_SHORT_SIDE = PAD_SIZE * 2;

export async function loadBackground(blob: Blob): Promise<ImageBitmap> {
  const full = await createImageBitmap(blob);
  const short = Math.min(full.width, full.height);
  if (short <= MAX_SHORT_SIDE) return full;
  const scale = MAX_SHORT_SIDE / short;
  let smaller: ImageBitmap;
  try {
    smaller = await createImageBitmap(full, { resizeWidth: Math.round(full.width * scale), resizeHeight: Math.round(full.height * scale), resizeQuality: 'high' });
  } catch {
    return full; // a browser without resize options: the full picture still works, it only costs memory
  }
  full.close();
  return smaller;
}
