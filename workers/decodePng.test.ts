/// <reference types="node" />
/**
 * PNGs with transparency decode to the RGB that Pillow's convert('RGB') gives (expected.json was
 * written by Pillow 9.4: scripts/preprocess-fixtures/make_png_fixtures.py).
 */
import { readFileSync } from 'node:fs';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodePngRgba, needsJsDecoding, pngInfo } from './decodePng';

const dir = new URL('./fixtures/png-transparency/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as { width: number; height: number; rgb: Record<string, string> };
const files = Object.keys(expected.rgb);

describe('decodePngRgba', () => {
  it.each(files)('%s: the colours Pillow gives, alpha aside', (file) => {
    const bytes = new Uint8Array(readFileSync(new URL(file, dir)));
    const info = pngInfo(bytes);
    expect(info && needsJsDecoding(info)).toBe(true);
    const image = decodePngRgba(bytes);
    expect([image.width, image.height]).toEqual([expected.width, expected.height]);
    const rgb = image.data.filter((_, i) => i % 4 !== 3);
    expect(Array.from(rgb)).toEqual(Array.from(Buffer.from(expected.rgb[file]!, 'base64')));
  });

  it('keeps the colour of pixels a tRNS key makes transparent, and marks them transparent', () => {
    const image = decodePngRgba(new Uint8Array(readFileSync(new URL('gray8-trns.png', dir))));
    // The generator put the key value 7 in the first three pixels of row 0.
    expect(Array.from(image.data.subarray(0, 12))).toEqual([7, 7, 7, 0, 7, 7, 7, 0, 7, 7, 7, 0]);
  });
});

describe('needsJsDecoding', () => {
  const png = (channels: number, depth: 8 | 16) => pngInfo(encode({ width: 2, height: 2, data: new (depth === 16 ? Uint16Array : Uint8Array)(4 * channels), channels, depth }))!;

  it('leaves opaque PNGs to the browser, which decodes them exactly', () => {
    expect(needsJsDecoding(png(3, 8))).toBe(false);
    expect(needsJsDecoding(png(1, 8))).toBe(false);
    expect(needsJsDecoding(png(3, 16))).toBe(false);
  });

  it('takes every PNG with an alpha channel', () => {
    expect(needsJsDecoding(png(4, 8))).toBe(true);
    expect(needsJsDecoding(png(2, 16))).toBe(true);
  });

  it('reads the header and notices a tRNS chunk; other bytes are not a PNG', () => {
    const info = pngInfo(new Uint8Array(readFileSync(new URL('palette4-trns.png', dir))));
    expect(info).toEqual({ width: 7, height: 5, depth: 4, colorType: 3, hasTransparencyChunk: true });
    expect(pngInfo(new TextEncoder().encode('GIF89a, not a PNG at all, long enough to have a header'))).toBeNull();
  });
});
