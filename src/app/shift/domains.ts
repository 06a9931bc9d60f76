/**
 * The shifted test sets: one clean baseline close to the bundled model's training pictures
 * ("photo") and six shifts of it, each drawn with the Canvas 2D API from a seeded random source.
 * Each domain changes one thing, so a drop in accuracy can be blamed on that thing.
 */
import type { Random } from './random';
import {
  css,
  jitterOutline,
  lightColour,
  MAX_ROTATION,
  mix,
  placeOutline,
  sampleColour,
  shapeOutline,
  shapeParams,
  SHAPE_COLOURS,
  type Point,
  type Rgb,
  type ShapeClass,
} from './shapes';

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface ShiftDomain {
  /** Stored as the image's domain (words, lower case, as a folder name would give). */
  id: string;
  name: string;
  description: string;
}

export const SHIFT_DOMAINS = [
  { id: 'photo', name: 'Clean (baseline)', description: 'a filled shape on a plain background, like the training pictures' },
  { id: 'outline', name: 'Outline only', description: 'the shape’s edge, no fill' },
  { id: 'textured', name: 'Textured fill', description: 'stripes, dots or checks instead of a flat colour' },
  { id: 'rotated', name: 'Rotated', description: 'turned 90° to 270°: upside down, give or take' },
  { id: 'cluttered', name: 'Cluttered background', description: 'scribbles and blobs of every colour around the shape' },
  { id: 'low contrast', name: 'Low contrast', description: 'a faded colour on a grey background' },
  { id: 'hand drawn', name: 'Hand-drawn jitter', description: 'a wobbly outline and hatched fill, as by hand' },
] as const satisfies readonly ShiftDomain[];

export type ShiftDomainId = (typeof SHIFT_DOMAINS)[number]['id'];

const WHITE: Rgb = [255, 255, 255];

interface Placement {
  cx: number;
  cy: number;
  r: number;
  angle: number;
}

/** Size, position and rotation as the training pictures choose them (the shape inside the centre crop). */
function place(random: Random, size: number, shape: ShapeClass['shape'], angle?: number, extent?: [number, number]): Placement {
  const [lo, hi] = extent ?? (shape === 'square' || shape === 'cross' || shape === 'triangle' ? [0.45, 0.8] : [0.4, 0.7]);
  const r = (random.uniform(lo, hi) * size) / 2;
  const margin = 0.04 * size;
  const span = (centre: number) => (size - 2 * (r + margin) > 0 ? random.uniform(r + margin, size - r - margin) : centre);
  const max = (MAX_ROTATION[shape] * Math.PI) / 180;
  return { cx: span(size / 2), cy: span(size / 2), r, angle: angle ?? random.uniform(-max, max) };
}

function tracePath(ctx: Ctx2D, points: readonly Point[]): void {
  ctx.beginPath();
  points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
  ctx.closePath();
}

function outlineOf(cls: ShapeClass, random: Random, at: Placement): Point[] {
  return placeOutline(shapeOutline(cls.shape, shapeParams(random), 96), at.cx, at.cy, at.r, at.angle);
}

function fillBackground(ctx: Ctx2D, size: number, colour: Rgb): void {
  ctx.fillStyle = css(colour);
  ctx.fillRect(0, 0, size, size);
}

/** White or a pale colour far from the shape's hue, as most training backgrounds are. */
function plainBackground(random: Random, hue: number): Rgb {
  return random.next() < 0.5 ? WHITE : lightColour(random, hue);
}

/** Draws one picture of `cls` in `domain` on a `size`×`size` context. */
export function drawShifted(ctx: Ctx2D, size: number, cls: ShapeClass, domain: ShiftDomainId, random: Random): void {
  const { rgb, hue } = sampleColour(random, cls.colour);
  ctx.save();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  switch (domain) {
    case 'photo': {
      fillBackground(ctx, size, plainBackground(random, hue));
      tracePath(ctx, outlineOf(cls, random, place(random, size, cls.shape)));
      ctx.fillStyle = css(rgb);
      ctx.fill();
      break;
    }
    case 'outline': {
      fillBackground(ctx, size, WHITE);
      const at = place(random, size, cls.shape);
      tracePath(ctx, outlineOf(cls, random, at));
      ctx.strokeStyle = css(rgb);
      ctx.lineWidth = Math.max(2, at.r * random.uniform(0.05, 0.1));
      ctx.stroke();
      break;
    }
    case 'textured': {
      fillBackground(ctx, size, WHITE);
      const at = place(random, size, cls.shape);
      tracePath(ctx, outlineOf(cls, random, at));
      ctx.clip();
      drawTexture(ctx, size, at, rgb, random);
      break;
    }
    case 'rotated': {
      fillBackground(ctx, size, plainBackground(random, hue));
      // Upside down, give or take: 90° to 270°, beyond the training range of hearts (±35°); shapes
      // with rotational symmetry (square, cross, star, triangle) can land back inside theirs.
      const angle = (random.uniform(90, 270) * Math.PI) / 180;
      tracePath(ctx, outlineOf(cls, random, place(random, size, cls.shape, angle)));
      ctx.fillStyle = css(rgb);
      ctx.fill();
      break;
    }
    case 'cluttered': {
      fillBackground(ctx, size, plainBackground(random, hue));
      drawClutter(ctx, size, random);
      tracePath(ctx, outlineOf(cls, random, place(random, size, cls.shape, undefined, [0.35, 0.55])));
      ctx.fillStyle = css(rgb);
      ctx.fill();
      break;
    }
    case 'low contrast': {
      const grey = Math.round(random.uniform(0.55, 0.75) * 255);
      const background: Rgb = [grey, grey, grey];
      fillBackground(ctx, size, background);
      tracePath(ctx, outlineOf(cls, random, place(random, size, cls.shape)));
      ctx.fillStyle = css(mix(rgb, background, random.uniform(0.65, 0.75)));
      ctx.fill();
      break;
    }
    case 'hand drawn': {
      fillBackground(ctx, size, WHITE);
      const at = place(random, size, cls.shape);
      const outline = outlineOf(cls, random, at);
      drawHandDrawn(ctx, outline, at, rgb, random);
      break;
    }
  }
  ctx.restore();
}

/** Stripes, polka dots or checks in the shape's colour and white, inside the current clip. */
function drawTexture(ctx: Ctx2D, size: number, at: Placement, rgb: Rgb, random: Random): void {
  const kind = random.pick(['stripes', 'dots', 'checks'] as const);
  const step = at.r * random.uniform(0.16, 0.26);
  ctx.fillStyle = css(mix(rgb, WHITE, 0.8));
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = css(rgb);
  if (kind === 'stripes') {
    ctx.save();
    ctx.translate(at.cx, at.cy);
    ctx.rotate(random.uniform(0, Math.PI));
    for (let x = -at.r * 1.5; x < at.r * 1.5; x += step * 2) ctx.fillRect(x, -at.r * 1.5, step, at.r * 3);
    ctx.restore();
  } else if (kind === 'dots') {
    for (let y = at.cy - at.r; y <= at.cy + at.r; y += step * 1.6) {
      for (let x = at.cx - at.r; x <= at.cx + at.r; x += step * 1.6) {
        ctx.beginPath();
        ctx.arc(x, y, step * 0.55, 0, Math.PI * 2);
        ctx.fill();
      }
    }
  } else {
    for (let j = 0; (j - 1) * step < 2 * at.r; j++) {
      for (let i = 0; (i - 1) * step < 2 * at.r; i++) {
        if ((i + j) % 2 === 0) ctx.fillRect(at.cx - at.r + i * step, at.cy - at.r + j * step, step, step);
      }
    }
  }
}

/** Scribbles, blobs and bars of random colours all over the picture. */
function drawClutter(ctx: Ctx2D, size: number, random: Random): void {
  const count = random.int(26, 40);
  for (let i = 0; i < count; i++) {
    const { rgb } = sampleColour(random, random.pick(SHAPE_COLOURS));
    const colour = random.next() < 0.3 ? ([random.int(0, 255), random.int(0, 255), random.int(0, 255)] as const) : rgb;
    ctx.fillStyle = css(colour);
    ctx.strokeStyle = css(colour);
    const x = random.uniform(0, size);
    const y = random.uniform(0, size);
    const s = random.uniform(0.03, 0.09) * size;
    const kind = random.int(0, 2);
    if (kind === 0) {
      ctx.beginPath();
      ctx.arc(x, y, s / 2, 0, Math.PI * 2);
      ctx.fill();
    } else if (kind === 1) {
      ctx.save();
      ctx.translate(x, y);
      ctx.rotate(random.uniform(0, Math.PI));
      ctx.fillRect(-s, -s / 6, 2 * s, s / 3);
      ctx.restore();
    } else {
      ctx.lineWidth = random.uniform(1.5, 4);
      ctx.beginPath();
      ctx.moveTo(x, y);
      for (let k = 0; k < 4; k++) ctx.lineTo(x + random.uniform(-2, 2) * s, y + random.uniform(-2, 2) * s);
      ctx.stroke();
    }
  }
}

/** A wobbly outline gone over twice, and a hatched fill that does not quite reach the edges. */
function drawHandDrawn(ctx: Ctx2D, outline: readonly Point[], at: Placement, rgb: Rgb, random: Random): void {
  const wobbly = jitterOutline(outline, random, at.r * 0.07);
  ctx.save();
  tracePath(ctx, wobbly);
  ctx.clip();
  ctx.strokeStyle = css(rgb);
  ctx.lineWidth = at.r * random.uniform(0.1, 0.16);
  const angle = random.uniform(0, Math.PI);
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const spacing = ctx.lineWidth * random.uniform(1.05, 1.5);
  for (let d = -at.r * 1.2; d <= at.r * 1.2; d += spacing) {
    // A hatch line across the shape, perpendicular to (dx, dy), shaken a little.
    const ox = at.cx + dx * d + random.uniform(-1, 1) * spacing * 0.15;
    const oy = at.cy + dy * d + random.uniform(-1, 1) * spacing * 0.15;
    ctx.beginPath();
    ctx.moveTo(ox - dy * at.r * 1.3, oy + dx * at.r * 1.3);
    ctx.lineTo(ox + dy * at.r * 1.3, oy - dx * at.r * 1.3);
    ctx.stroke();
  }
  ctx.restore();
  ctx.strokeStyle = css(rgb);
  ctx.lineWidth = Math.max(2, at.r * 0.06);
  for (let pass = 0; pass < 2; pass++) {
    tracePath(ctx, jitterOutline(outline, random, at.r * 0.05));
    ctx.stroke();
  }
}
