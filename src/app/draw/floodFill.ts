/**
 * The fill tool's paint bucket on RGBA pixels: the 4-connected region of pixels like the one
 * clicked (within a tolerance) takes the colour, and its anti-aliased rim is painted under the
 * ink around it, so no pale seam is left between a stroke and its fill. Pure, no DOM.
 */

export type Rgba = readonly [number, number, number, number];

/** How far a pixel may be from the clicked one (largest channel difference) and still be filled. */
export const FILL_TOLERANCE = 64;

/** `#rrggbb` (or `#rgb`) as opaque RGBA; null for anything else. */
export function parseHexColour(colour: string): Rgba | null {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  if (short) return [parseInt(short[1]! + short[1]!, 16), parseInt(short[2]! + short[2]!, 16), parseInt(short[3]! + short[3]!, 16), 255];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  return long ? [parseInt(long[1]!, 16), parseInt(long[2]!, 16), parseInt(long[3]!, 16), 255] : null;
}

/**
 * Fills, in place, the region of `pixels` (width × height, RGBA, straight alpha) connected to
 * (x, y) whose pixels are within `tolerance` of that pixel. Returns how many pixels changed.
 */
export function floodFill(pixels: Uint8ClampedArray, width: number, height: number, x: number, y: number, colour: Rgba, tolerance = FILL_TOLERANCE): number {
  const px = Math.floor(x);
  const py = Math.floor(y);
  if (px < 0 || py < 0 || px >= width || py >= height) return 0;
  const start = (py * width + px) * 4;
  const seed = [pixels[start]!, pixels[start + 1]!, pixels[start + 2]!, pixels[start + 3]!] as const;
  const transparentSeed = seed[3] === 0;
  const like = (i: number) => {
    const o = i * 4;
    // Fully transparent pixels have no meaningful colour: compare alpha only.
    if (transparentSeed) return pixels[o + 3]! <= tolerance;
    return (
      Math.abs(pixels[o]! - seed[0]) <= tolerance &&
      Math.abs(pixels[o + 1]! - seed[1]) <= tolerance &&
      Math.abs(pixels[o + 2]! - seed[2]) <= tolerance &&
      Math.abs(pixels[o + 3]! - seed[3]) <= tolerance
    );
  };
  const inRegion = new Uint8Array(width * height);
  const stack = [py * width + px];
  inRegion[py * width + px] = 1;
  const region: number[] = [];
  while (stack.length > 0) {
    const i = stack.pop()!;
    region.push(i);
    const cx = i % width;
    const cy = (i - cx) / width;
    const visit = (j: number) => {
      if (inRegion[j] === 0 && like(j)) {
        inRegion[j] = 1;
        stack.push(j);
      }
    };
    if (cx > 0) visit(i - 1);
    if (cx < width - 1) visit(i + 1);
    if (cy > 0) visit(i - width);
    if (cy < height - 1) visit(i + width);
  }
  for (const i of region) pixels.set(colour, i * 4);
  // The rim: partly transparent neighbours keep their ink on top, with the fill colour under it.
  for (const i of region) {
    const cx = i % width;
    const cy = (i - cx) / width;
    for (const j of [cx > 0 ? i - 1 : -1, cx < width - 1 ? i + 1 : -1, cy > 0 ? i - width : -1, cy < height - 1 ? i + width : -1]) {
      if (j < 0 || inRegion[j] === 1) continue;
      inRegion[j] = 2; // once only
      const o = j * 4;
      const a = pixels[o + 3]! / 255;
      if (a >= 1) continue;
      const under = colour[3] / 255;
      const out = a + under * (1 - a);
      if (out === 0) continue;
      for (let c = 0; c < 3; c++) pixels[o + c] = Math.round((pixels[o + c]! * a + colour[c]! * under * (1 - a)) / out);
      pixels[o + 3] = Math.round(out * 255);
    }
  }
  return region.length;
}
