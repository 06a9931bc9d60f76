/**
 * A colour scale that colour-blind readers can use: viridis (Smith, van der Walt and Firing, the
 * default colormap of matplotlib), as 16 stops sampled evenly from its published 256-entry table
 * (CC0), linearly interpolated between. Lightness rises monotonically from dark purple to yellow,
 * so the order of values survives colour-blindness and greyscale printing. Pure functions.
 */

export type Rgb = readonly [number, number, number];

/** viridis at i/15, i = 0..15 (entries 17·i of matplotlib's table), as 8-bit sRGB. */
export const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [72, 26, 108],
  [71, 47, 125],
  [65, 68, 135],
  [57, 86, 140],
  [49, 104, 142],
  [42, 120, 142],
  [35, 136, 142],
  [31, 152, 139],
  [34, 168, 132],
  [53, 183, 121],
  [84, 197, 104],
  [122, 209, 81],
  [165, 219, 54],
  [210, 226, 27],
  [253, 231, 37],
];

/** The colour at `t` in [0, 1] (clamped; NaN counts as 0), interpolated between the two nearest stops. */
export function sampleColormap(t: number, stops: readonly Rgb[] = VIRIDIS): Rgb {
  if (stops.length === 0) throw new Error('sampleColormap: no stops');
  const clamped = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
  const position = clamped * (stops.length - 1);
  const lower = Math.min(stops.length - 1, Math.floor(position));
  const upper = Math.min(stops.length - 1, lower + 1);
  const f = position - lower;
  // Both indices are within 0..stops.length - 1, and stops is not empty.
  const a = stops[lower]!;
  const b = stops[upper]!;
  const mix = (i: 0 | 1 | 2) => Math.round(a[i] + (b[i] - a[i]) * f);
  return [mix(0), mix(1), mix(2)];
}

/** Where `value` lies between `min` and `max`, as 0..1 (clamped); the middle when the range is empty. */
export function normalise(value: number, min: number, max: number): number {
  if (!(max > min)) return 0.5;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}

/** `#rrggbb`. */
export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance of an 8-bit sRGB colour: 0 for black, 1 for white. */
export function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours, 1 (none) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

/** Black or white, whichever contrasts more with `background`. */
export function textColourOn(background: Rgb): '#000000' | '#ffffff' {
  return contrastRatio(background, BLACK) >= contrastRatio(background, WHITE) ? '#000000' : '#ffffff';
}

/** A CSS gradient through every stop, for the legend's colour bar. */
export function gradientCss(stops: readonly Rgb[] = VIRIDIS, direction = 'to right'): string {
  const last = Math.max(1, stops.length - 1);
  return `linear-gradient(${direction}, ${stops.map((s, i) => `${toHex(s)} ${((i / last) * 100).toFixed(1)}%`).join(', ')})`;
}
