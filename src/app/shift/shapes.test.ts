import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { COLOUR_HSV, hsvToRgb, hueDistance, jitterOutline, placeOutline, resample, sampleColour, shapeClass, shapeOutline, SHAPE_COLOURS, SHAPE_KINDS } from './shapes';

const radius = (p: { x: number; y: number }) => Math.hypot(p.x, p.y);

describe('shapeClass', () => {
  it('reads "<colour> <shape>" labels of the bundled model, and nothing else', () => {
    expect(shapeClass('red circle')).toEqual({ label: 'red circle', colour: 'red', shape: 'circle' });
    expect(shapeClass('  Blue   Square ')).toEqual({ label: '  Blue   Square ', colour: 'blue', shape: 'square' });
    expect(shapeClass('dog')).toBeNull();
    expect(shapeClass('pink circle')).toBeNull();
    expect(shapeClass('red circle tattoo')).toBeNull();
  });
});

describe('shape outlines', () => {
  it('have circumradius 1, centred, as the training pictures draw them', () => {
    for (const shape of SHAPE_KINDS) {
      const points = shapeOutline(shape);
      const max = Math.max(...points.map(radius));
      expect(max, shape).toBeCloseTo(1, 6);
    }
    // The square is axis-aligned: corners at (±1/√2, ±1/√2).
    for (const p of shapeOutline('square')) {
      expect(Math.abs(p.x)).toBeCloseTo(Math.SQRT1_2, 12);
      expect(Math.abs(p.y)).toBeCloseTo(Math.SQRT1_2, 12);
    }
    // The triangle points up (y down): its apex is (0, -1).
    expect(shapeOutline('triangle')[0]!.x).toBeCloseTo(0, 12);
    expect(shapeOutline('triangle')[0]!.y).toBeCloseTo(-1, 12);
    // A star alternates outer and inner points.
    const star = shapeOutline('star', { inner: 0.4, arm: 0.3 });
    expect(star.map(radius).map((r) => +r.toFixed(6))).toEqual([1, 0.4, 1, 0.4, 1, 0.4, 1, 0.4, 1, 0.4]);
    expect(shapeOutline('cross')).toHaveLength(12);
    expect(shapeOutline('heart')).toHaveLength(96);
  });

  it('are placed by scale, rotation and centre', () => {
    const [apex] = placeOutline(shapeOutline('triangle'), 100, 50, 20, Math.PI); // upside down
    expect(apex!.x).toBeCloseTo(100, 9);
    expect(apex!.y).toBeCloseTo(70, 9);
  });

  it('resample evenly along the perimeter', () => {
    const square = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }];
    expect(resample(square, 8)).toEqual([
      { x: 0, y: 0 }, { x: 0.5, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 0.5 }, { x: 1, y: 1 }, { x: 0.5, y: 1 }, { x: 0, y: 1 }, { x: 0, y: 0.5 },
    ]);
  });

  it('wobble by at most the amount asked, differently for another seed', () => {
    const circle = shapeOutline('circle', undefined, 256);
    const a = jitterOutline(circle, seededRandom(1), 0.05);
    const b = jitterOutline(circle, seededRandom(2), 0.05);
    for (const p of a) expect(Math.abs(radius(p) - 1)).toBeLessThanOrEqual(0.0501);
    expect(Math.max(...a.map((p) => Math.abs(radius(p) - 1)))).toBeGreaterThan(0.01); // it does wobble
    expect(a).not.toEqual(b);
    expect(jitterOutline(circle, seededRandom(1), 0.05)).toEqual(a); // and is reproducible
  });
});

describe('colours', () => {
  it('converts HSV to 8-bit RGB', () => {
    expect(hsvToRgb(0, 1, 1)).toEqual([255, 0, 0]);
    expect(hsvToRgb(-120, 1, 1)).toEqual([0, 0, 255]); // hue wraps
    expect(hsvToRgb(120, 1, 0.5)).toEqual([0, 128, 0]);
    expect(hsvToRgb(60, 0, 1)).toEqual([255, 255, 255]);
  });

  it('samples each class colour within its training range', () => {
    const random = seededRandom(7);
    for (const colour of SHAPE_COLOURS) {
      for (let i = 0; i < 50; i++) {
        const { hue } = sampleColour(random, colour);
        const [lo, hi] = COLOUR_HSV[colour].hue;
        const centre = (lo + hi) / 2;
        expect(hueDistance(hue, centre), colour).toBeLessThanOrEqual((hi - lo) / 2 + 1e-9);
      }
    }
  });
});

describe('seededRandom', () => {
  it('repeats itself for a seed and stays in range', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const ints = Array.from({ length: 500 }, () => a.int(2, 4));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4]));
  });
});
