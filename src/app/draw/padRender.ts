/**
 * Paints the pad's operations with the Canvas 2D API. Two layers: the background (white, or a
 * photo scaled to cover the square) and the ink (strokes and words; the eraser cuts through the
 * ink only, so a photo under it shows again). The visible canvas is their composite.
 */
import { floodFill, parseHexColour } from './floodFill';
import { visibleInk, type FillOp, type StrokeOp, type StrokePoint, type TextOp } from './padHistory';

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Anything drawImage takes that has a size (an ImageBitmap, a canvas). */
export type SizedImage = CanvasImageSource & { width: number; height: number };

export const TEXT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

function inkStyle(ctx: Ctx2D, colour: string, eraser: boolean): void {
  ctx.globalCompositeOperation = eraser ? 'destination-out' : 'source-over';
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
}

/** One piece of a stroke, from `a` to `b` (a dot when they are the same point). */
export function drawSegment(ctx: Ctx2D, colour: string, eraser: boolean, a: StrokePoint, b: StrokePoint): void {
  ctx.save();
  inkStyle(ctx, colour, eraser);
  if (a.x === b.x && a.y === b.y) {
    ctx.beginPath();
    ctx.arc(a.x, a.y, a.width / 2, 0, Math.PI * 2);
    ctx.fill();
  } else {
    ctx.lineWidth = (a.width + b.width) / 2;
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
  ctx.restore();
}

export function drawStroke(ctx: Ctx2D, op: StrokeOp): void {
  const [first] = op.points;
  if (!first) return;
  drawSegment(ctx, op.colour, op.eraser, first, first);
  for (let i = 1; i < op.points.length; i++) drawSegment(ctx, op.colour, op.eraser, op.points[i - 1]!, op.points[i]!);
}

/** A word centred on its point, shrunk to fit the pad's width. */
export function drawText(ctx: Ctx2D, op: TextOp, padSize: number): void {
  ctx.save();
  ctx.globalCompositeOperation = 'source-over';
  ctx.fillStyle = op.colour;
  ctx.font = `700 ${op.size}px ${TEXT_FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(op.text, op.x, op.y, padSize * 0.96);
  ctx.restore();
}

/** The paint bucket on the ink layer's pixels. */
export function drawFill(ctx: Ctx2D, op: FillOp, padSize: number): void {
  const colour = parseHexColour(op.colour);
  if (!colour) return;
  const image = ctx.getImageData(0, 0, padSize, padSize);
  if (floodFill(image.data, padSize, padSize, op.x, op.y, colour) > 0) ctx.putImageData(image, 0, 0);
}

/** The ink layer from scratch: everything since the last clear. */
export function renderInk(ctx: Ctx2D, ops: Parameters<typeof visibleInk>[0], padSize: number): void {
  ctx.clearRect(0, 0, padSize, padSize);
  for (const op of visibleInk(ops)) {
    if (op.kind === 'stroke') drawStroke(ctx, op);
    else if (op.kind === 'text') drawText(ctx, op, padSize);
    else drawFill(ctx, op, padSize);
  }
}

/** White, then the photo scaled to cover the square (centred, cropped like the model's own crop). */
export function drawBackground(ctx: Ctx2D, image: SizedImage | null, padSize: number): void {
  ctx.save();
  ctx.globalCompositeOperation = 'source-over';
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, padSize, padSize);
  if (image && image.width > 0 && image.height > 0) {
    const scale = Math.max(padSize / image.width, padSize / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    ctx.drawImage(image, (padSize - w) / 2, (padSize - h) / 2, w, h);
  }
  ctx.restore();
}

/** The picture the pad shows (and the model sees): background, then ink. */
export function composite(ctx: Ctx2D, background: SizedImage | null, ink: SizedImage, padSize: number): void {
  drawBackground(ctx, background, padSize);
  ctx.drawImage(ink, 0, 0);
}
