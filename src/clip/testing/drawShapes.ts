/**
 * Deterministic pictures of coloured shapes for tests (not used by the app): RGBA pixels
 * rasterised in plain TypeScript (no canvas, no anti-aliasing: a pixel takes the shape's colour
 * when its centre is inside), so every runtime and every language that reads the PNG sees the same
 * bytes. Shapes follow the bundled model's training pictures (scripts/test-model/shapes.py).
 */
import { encode } from 'fast-png';

export type ShapeKind = 'circle' | 'square' | 'triangle';
export type Rgb = readonly [number, number, number];

export interface ShapePicture {
  shape: ShapeKind;
  colour: Rgb;
  width: number;
  height: number;
  /** Circumradius as a fraction of the shorter side. */
  size: number;
  background?: Rgb;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** Straight RGBA, 8 bits per channel, rows top to bottom. */
  data: Uint8Array;
  channels: 4;
}

/** Whether the point (x, y), relative to the centre in units of the circumradius (y down), is inside. */
function inside(shape: ShapeKind, x: number, y: number): boolean {
  if (shape === 'circle') return x * x + y * y <= 1;
  if (shape === 'square') {
    // Corners on the circumcircle: half side 1/√2, sides axis-aligned.
    const half = Math.SQRT1_2;
    return Math.abs(x) <= half && Math.abs(y) <= half;
  }
  // Upward triangle with its vertices on the circumcircle: apex (0,-1), base at y = 1/2.
  const halfBase = Math.sqrt(3) / 2;
  if (y > 0.5 || y < -1) return false;
  return Math.abs(x) <= ((y + 1) / 1.5) * halfBase;
}

export function drawShape({ shape, colour, width, height, size, background = [255, 255, 255] }: ShapePicture): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  const radius = size * Math.min(width, height);
  const cx = width / 2;
  const cy = height / 2;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const fill = inside(shape, (col + 0.5 - cx) / radius, (row + 0.5 - cy) / radius) ? colour : background;
      const i = (row * width + col) * 4;
      data[i] = fill[0];
      data[i + 1] = fill[1];
      data[i + 2] = fill[2];
      data[i + 3] = 255;
    }
  }
  return { width, height, data, channels: 4 };
}

/**
 * The picture as a PNG file. `alpha: true` writes RGBA (colour type 6), which the worker decodes
 * in JavaScript; `alpha: false` writes RGB (colour type 2), which the browser's decoder reads.
 */
export function encodePng(image: RgbaImage, { alpha }: { alpha: boolean }): Uint8Array {
  if (alpha) return encode({ width: image.width, height: image.height, data: image.data, channels: 4, depth: 8 });
  const rgb = new Uint8Array(image.width * image.height * 3);
  for (let p = 0; p < image.width * image.height; p++) rgb.set(image.data.subarray(p * 4, p * 4 + 3), p * 3);
  return encode({ width: image.width, height: image.height, data: rgb, channels: 3, depth: 8 });
}
