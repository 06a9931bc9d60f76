/**
 * The bundled model's shapes and colours, as its training pictures draw them
 * (scripts/test-model/shapes.py): outlines in unit coordinates (circumradius 1, centred at the
 * origin, y down) and colour ranges in HSV. Pure functions.
 */
import type { Random } from './random';

export const SHAPE_COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'] as const;
export const SHAPE_KINDS = ['circle', 'square', 'triangle', 'star', 'heart', 'cross'] as const;

export type ShapeColour = (typeof SHAPE_COLOURS)[number];
export type ShapeKind = (typeof SHAPE_KINDS)[number];

export interface ShapeClass {
  label: string;
  colour: ShapeColour;
  shape: ShapeKind;
}

export interface Point {
  x: number;
  y: number;
}

/** "<colour> <shape>" as one of the bundled model's classes (case and spacing forgiven), else null. */
export function shapeClass(label: string): ShapeClass | null {
  const words = label.trim().toLowerCase().split(/\s+/);
  if (words.length !== 2) return null;
  const [colour, shape] = words as [string, string];
  if (!(SHAPE_COLOURS as readonly string[]).includes(colour) || !(SHAPE_KINDS as readonly string[]).includes(shape)) return null;
  return { label, colour: colour as ShapeColour, shape: shape as ShapeKind };
}

/** The training pictures' rotation range per shape, in degrees either way (a circle has none to show). */
export const MAX_ROTATION: Record<ShapeKind, number> = { heart: 35, triangle: 60, star: 36, cross: 45, square: 45, circle: 0 };

/** Shape proportions that vary between pictures: a star's inner radius, a cross's arm width. */
export interface ShapeParams {
  inner: number;
  arm: number;
}

export function shapeParams(random: Random): ShapeParams {
  return { inner: random.uniform(0.36, 0.5), arm: random.uniform(0.25, 0.42) };
}

const HEART: readonly Point[] = (() => {
  const n = 96;
  const raw: Point[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    raw.push({
      x: 16 * Math.sin(t) ** 3,
      y: -(13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t)),
    });
  }
  const xs = raw.map((p) => p.x);
  const ys = raw.map((p) => p.y);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const r = Math.max(...raw.map((p) => Math.hypot(p.x - cx, p.y - cy)));
  return raw.map((p) => ({ x: (p.x - cx) / r, y: (p.y - cy) / r }));
})();

/** The shape's outline as a closed polygon in unit coordinates; a circle as `segments` points on the unit circle. */
export function shapeOutline(shape: ShapeKind, params: ShapeParams = { inner: 0.42, arm: 0.34 }, segments = 64): Point[] {
  const onCircle = (angle: number, radius = 1): Point => ({ x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
  switch (shape) {
    case 'circle':
      return Array.from({ length: segments }, (_, k) => onCircle((2 * Math.PI * k) / segments));
    case 'square':
      return [0, 1, 2, 3].map((k) => onCircle(Math.PI / 4 + (k * Math.PI) / 2));
    case 'triangle':
      return [0, 1, 2].map((k) => onCircle(-Math.PI / 2 + (k * 2 * Math.PI) / 3));
    case 'star':
      return Array.from({ length: 10 }, (_, k) => onCircle(-Math.PI / 2 + (k * Math.PI) / 5, k % 2 === 0 ? 1 : params.inner));
    case 'heart':
      return HEART.map((p) => ({ ...p }));
    case 'cross': {
      // A plus sign of half-length L and half-width w·L, with circumradius 1.
      const w = params.arm;
      const L = 1 / Math.sqrt(1 + w * w);
      const a = w * L;
      return [
        [-a, -L], [a, -L], [a, -a], [L, -a], [L, a], [a, a], [a, L], [-a, L], [-a, a], [-L, a], [-L, -a], [-a, -a],
      ].map(([x, y]) => ({ x: x!, y: y! }));
    }
  }
}

/** The outline placed in the picture: scaled to circumradius `r`, rotated by `angle` (radians), centred at (cx, cy). */
export function placeOutline(points: readonly Point[], cx: number, cy: number, r: number, angle: number): Point[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return points.map(({ x, y }) => ({ x: cx + r * (x * c - y * s), y: cy + r * (x * s + y * c) }));
}

/**
 * A hand-drawn version of a closed outline: resampled to `samples` points evenly along its length,
 * each pushed along a smooth random wobble of at most `amount` (in the outline's units).
 */
export function jitterOutline(points: readonly Point[], random: Random, amount: number, samples = 72): Point[] {
  const resampled = resample(points, samples);
  // Smooth noise: a few random sine waves around the loop, so the line wobbles rather than shakes.
  const waves = Array.from({ length: 3 }, (_, i) => ({ freq: random.int(2 + i * 2, 4 + i * 3), phase: random.uniform(0, 2 * Math.PI), weight: 1 / (i + 1) }));
  const total = waves.reduce((sum, w) => sum + w.weight, 0);
  return resampled.map((p, i) => {
    const t = (2 * Math.PI * i) / samples;
    const offset = (amount * waves.reduce((sum, w) => sum + w.weight * Math.sin(w.freq * t + w.phase), 0)) / total;
    const prev = resampled[(i - 1 + samples) % samples]!;
    const next = resampled[(i + 1) % samples]!;
    const tx = next.x - prev.x;
    const ty = next.y - prev.y;
    const length = Math.hypot(tx, ty) || 1;
    // Along the normal of the outline at this point.
    return { x: p.x + (offset * ty) / length, y: p.y - (offset * tx) / length };
  });
}

/** `samples` points spaced evenly along the closed polygon. */
export function resample(points: readonly Point[], samples: number): Point[] {
  const n = points.length;
  if (n === 0 || samples <= 0) return [];
  const lengths: number[] = [];
  let perimeter = 0;
  for (let i = 0; i < n; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % n]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    lengths.push(length);
    perimeter += length;
  }
  if (perimeter === 0) return Array.from({ length: samples }, () => ({ ...points[0]! }));
  const out: Point[] = [];
  let edge = 0;
  let walked = 0;
  for (let k = 0; k < samples; k++) {
    const target = (k * perimeter) / samples;
    while (walked + lengths[edge]! < target && edge < n - 1) walked += lengths[edge++]!;
    const a = points[edge]!;
    const b = points[(edge + 1) % n]!;
    const f = lengths[edge]! > 0 ? (target - walked) / lengths[edge]! : 0;
    out.push({ x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f });
  }
  return out;
}

/** Hue (degrees, may wrap below 0), saturation and value ranges of each colour in the training pictures. */
export const COLOUR_HSV: Record<ShapeColour, { hue: [number, number]; saturation: [number, number]; value: [number, number] }> = {
  red: { hue: [-10, 10], saturation: [0.75, 1], value: [0.55, 1] },
  orange: { hue: [22, 40], saturation: [0.8, 1], value: [0.9, 1] },
  yellow: { hue: [52, 62], saturation: [0.75, 1], value: [0.88, 1] },
  green: { hue: [95, 145], saturation: [0.65, 1], value: [0.42, 1] },
  blue: { hue: [208, 245], saturation: [0.7, 1], value: [0.5, 1] },
  purple: { hue: [266, 300], saturation: [0.55, 1], value: [0.45, 0.88] },
};

export type Rgb = readonly [number, number, number];

export function hsvToRgb(hue: number, saturation: number, value: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 60;
  const c = value * saturation;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const m = value - c;
  const [r, g, b] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

/** A colour of the class, drawn from its training range; with its hue, to keep backgrounds away from it. */
export function sampleColour(random: Random, colour: ShapeColour): { rgb: Rgb; hue: number } {
  const { hue, saturation, value } = COLOUR_HSV[colour];
  const h = random.uniform(hue[0], hue[1]);
  return { rgb: hsvToRgb(h, random.uniform(saturation[0], saturation[1]), random.uniform(value[0], value[1])), hue: ((h % 360) + 360) % 360 };
}

export function css([r, g, b]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** `a` mixed towards `b` by `t` (0: a, 1: b). */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];
}

/** Hue distance in degrees, around the wheel. */
export function hueDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}

/** A pale colour whose hue is far from `avoidHue` (as the training backgrounds are). */
export function lightColour(random: Random, avoidHue: number): Rgb {
  for (;;) {
    const h = random.uniform(0, 360);
    if (hueDistance(h, avoidHue) >= 70) return hsvToRgb(h, random.uniform(0.05, 0.3), random.uniform(0.85, 1));
  }
}
