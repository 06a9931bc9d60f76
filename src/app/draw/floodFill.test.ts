import { describe, expect, it } from 'vitest';
import { floodFill, parseHexColour, type Rgba } from './floodFill';

const RED: Rgba = [224, 27, 27, 255];
const INK: Rgba = [0, 0, 0, 255];

/** A w×h transparent picture with the given pixels set. */
function picture(w: number, h: number, set: [number, number, Rgba][] = []): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(w * h * 4);
  for (const [x, y, c] of set) pixels.set(c, (y * w + x) * 4);
  return pixels;
}
const at = (p: Uint8ClampedArray, w: number, x: number, y: number) => [...p.subarray((y * w + x) * 4, (y * w + x) * 4 + 4)];

describe('floodFill', () => {
  it('fills the inside of a closed outline and not the outside', () => {
    // A 7×7 picture with a black square ring from (1,1) to (5,5).
    const ring: [number, number, Rgba][] = [];
    for (let i = 1; i <= 5; i++) ring.push([i, 1, INK], [i, 5, INK], [1, i, INK], [5, i, INK]);
    const p = picture(7, 7, ring);
    expect(floodFill(p, 7, 7, 3, 3, RED)).toBe(9); // the 3×3 inside
    expect(at(p, 7, 3, 3)).toEqual([...RED]);
    expect(at(p, 7, 2, 4)).toEqual([...RED]);
    expect(at(p, 7, 1, 3)).toEqual([...INK]); // the outline stays
    expect(at(p, 7, 0, 0)).toEqual([0, 0, 0, 0]); // the outside stays
  });

  it('fills everything connected when nothing bounds it, and nothing outside the picture', () => {
    const p = picture(4, 3);
    expect(floodFill(p, 4, 3, 0, 0, RED)).toBe(12);
    expect(floodFill(picture(4, 3), 4, 3, -1, 0, RED)).toBe(0);
    expect(floodFill(picture(4, 3), 4, 3, 4, 0, RED)).toBe(0);
  });

  it('recolours a region of one colour, within the tolerance', () => {
    const p = picture(3, 1, [
      [0, 0, [200, 0, 0, 255]],
      [1, 0, [230, 20, 10, 255]],
      [2, 0, [0, 0, 200, 255]],
    ]);
    expect(floodFill(p, 3, 1, 0, 0, [0, 255, 0, 255], 40)).toBe(2);
    expect(at(p, 3, 2, 0)).toEqual([0, 0, 200, 255]);
  });

  it('paints the fill under the half-transparent rim of a stroke, leaving no seam', () => {
    // Transparent | half-covered black edge pixel | solid black.
    const p = picture(3, 1, [
      [1, 0, [0, 0, 0, 128]],
      [2, 0, INK],
    ]);
    floodFill(p, 3, 1, 0, 0, [255, 255, 255, 255], 64);
    expect(at(p, 3, 0, 0)).toEqual([255, 255, 255, 255]);
    const rim = at(p, 3, 1, 0);
    expect(rim[3]).toBe(255); // opaque now
    expect(rim[0]).toBeGreaterThan(120); // grey: half ink, half fill
    expect(rim[0]).toBeLessThan(135);
    expect(at(p, 3, 2, 0)).toEqual([...INK]);
  });
});

describe('parseHexColour', () => {
  it('reads #rrggbb and #rgb', () => {
    expect(parseHexColour('#e01b1b')).toEqual([224, 27, 27, 255]);
    expect(parseHexColour('#fff')).toEqual([255, 255, 255, 255]);
    expect(parseHexColour('red')).toBeNull();
  });
});
