/**
 * Draws a planned test set in the page (Canvas 2D on an OffscreenCanvas, PNG-encoded by the
 * browser), a few pictures at a time so the page stays responsive, with progress and a way to stop.
 */
import { ClipError } from '../../../workers/errors';
import type { NewImage } from '../state/galleryStore';
import { drawShifted } from './domains';
import { galleryImage, PICTURE_SIZE, type PlannedPicture } from './plan';
import { seededRandom } from './random';

/** Pictures drawn between two yields to the event loop. */
const CHUNK = 8;

export async function drawPlannedSet(plan: readonly PlannedPicture[], options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<NewImage[]> {
  const canvas = new OffscreenCanvas(PICTURE_SIZE, PICTURE_SIZE);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ClipError({ kind: 'internal', message: 'This browser cannot draw pictures off screen (no 2D canvas).' });
  const out: NewImage[] = [];
  for (let i = 0; i < plan.length; i++) {
    if (options.signal?.aborted) throw new ClipError({ kind: 'cancelled', message: 'Generation cancelled' });
    const picture = plan[i]!;
    // drawShifted paints every pixel and restores the context's state (transform, clip) itself.
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    drawShifted(ctx, PICTURE_SIZE, picture.cls, picture.domain, seededRandom(picture.seed));
    out.push(galleryImage(picture, await canvas.convertToBlob({ type: 'image/png' })));
    if ((i + 1) % CHUNK === 0 || i === plan.length - 1) {
      options.onProgress?.(i + 1, plan.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  return out;
}
