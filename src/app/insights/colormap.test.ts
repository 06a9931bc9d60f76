import { describe, expect, it } from 'vitest';
import { contrastRatio, gradientCss, normalise, relativeLuminance, sampleColormap, textColourOn, toHex, VIRIDIS, type Rgb } from './colormap';

const samples = Array.from({ length: 201 }, (_, i) => i / 200);

describe('viridis lookup table', () => {
  it('has 16 stops from matplotlib viridis #440154 to #fde725', () => {
    expect(VIRIDIS).toHaveLength(16);
    expect(toHex(VIRIDIS[0]!)).toBe('#440154');
    expect(toHex(VIRIDIS[15]!)).toBe('#fde725');
    // Published viridis colours at 1/3 and 2/3 (R's viridis(16) palette).
    expect(toHex(VIRIDIS[5]!)).toBe('#31688e');
    expect(toHex(VIRIDIS[10]!)).toBe('#35b779');
  });

  it('gets lighter all the way, so the order of values survives colour blindness and greyscale', () => {
    const luminances = samples.map((t) => relativeLuminance(sampleColormap(t)));
    for (let i = 1; i < luminances.length; i++) expect(luminances[i]).toBeGreaterThanOrEqual(luminances[i - 1]!);
    expect(luminances.at(-1)! / luminances[0]!).toBeGreaterThan(20);
  });
});

describe('sampleColormap', () => {
  it('returns the stops at their positions and interpolates between them', () => {
    expect(sampleColormap(0)).toEqual(VIRIDIS[0]);
    expect(sampleColormap(1)).toEqual(VIRIDIS[15]);
    expect(sampleColormap(3 / 15)).toEqual(VIRIDIS[3]);
    // Halfway between stops 7 and 8: matplotlib's viridis(0.5) is #21918c = (33, 145, 140).
    const middle = sampleColormap(0.5);
    expect(middle).toEqual([33, 144, 141]);
    const [r, g, b] = middle;
    expect(Math.abs(r - 33) + Math.abs(g - 145) + Math.abs(b - 140)).toBeLessThanOrEqual(2);
  });

  it('clamps values outside 0..1 and treats NaN as 0', () => {
    expect(sampleColormap(-3)).toEqual(VIRIDIS[0]);
    expect(sampleColormap(7)).toEqual(VIRIDIS[15]);
    expect(sampleColormap(Number.NaN)).toEqual(VIRIDIS[0]);
  });

  it('works with any stops, and needs at least one', () => {
    const grey: Rgb[] = [[0, 0, 0], [200, 100, 50]];
    expect(sampleColormap(0.25, grey)).toEqual([50, 25, 13]);
    expect(sampleColormap(0.9, [[1, 2, 3]])).toEqual([1, 2, 3]);
    expect(() => sampleColormap(0.5, [])).toThrow();
  });
});

describe('normalise', () => {
  it('maps the range to 0..1, clamped, and an empty range to the middle', () => {
    expect(normalise(0.25, 0.2, 0.3)).toBeCloseTo(0.5, 12);
    expect(normalise(0.1, 0.2, 0.3)).toBe(0);
    expect(normalise(0.9, 0.2, 0.3)).toBe(1);
    expect(normalise(0.3, 0.3, 0.3)).toBe(0.5);
  });
});

describe('luminance and text colour', () => {
  it('follows WCAG: black 0, white 1, contrast 21', () => {
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 12);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 10);
    expect(contrastRatio([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 10);
    // Pure green is far brighter than pure blue.
    expect(relativeLuminance([0, 255, 0])).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance([0, 0, 255])).toBeCloseTo(0.0722, 4);
  });

  it('puts white text on dark purple and black text on yellow', () => {
    expect(textColourOn(VIRIDIS[0]!)).toBe('#ffffff');
    expect(textColourOn(VIRIDIS[15]!)).toBe('#000000');
    expect(textColourOn([255, 255, 255])).toBe('#000000');
    expect(textColourOn([0, 0, 0])).toBe('#ffffff');
  });

  it('keeps every cell readable: at least 4.5:1 contrast (WCAG AA) everywhere on the scale', () => {
    for (const t of samples) {
      const background = sampleColormap(t);
      const text: Rgb = textColourOn(background) === '#000000' ? [0, 0, 0] : [255, 255, 255];
      expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('gradientCss', () => {
  it('runs through every stop', () => {
    const css = gradientCss();
    expect(css.startsWith('linear-gradient(to right, #440154 0.0%, #481a6c 6.7%')).toBe(true);
    expect(css.endsWith('#fde725 100.0%)')).toBe(true);
    expect(css.match(/#[0-9a-f]{6}/g)).toHaveLength(16);
    expect(gradientCss(VIRIDIS, 'to top')).toMatch(/^linear-gradient\(to top, /);
  });
});
