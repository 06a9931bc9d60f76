import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jpegSize } from './thumbnail';

/** Read with Pillow (`Image.open(path).size`). */
const SIZES = { 'cat.jpg': { width: 448, height: 298 }, 'coffee.jpg': { width: 448, height: 299 } };
const sample = (name: string) => new Uint8Array(readFileSync(new URL(`../../../public/samples/${name}`, import.meta.url)));

describe('jpegSize', () => {
  it('reads the stored size of the shipped sample photos', () => {
    expect(jpegSize(sample('cat.jpg'))).toEqual(SIZES['cat.jpg']);
    expect(jpegSize(sample('coffee.jpg'))).toEqual(SIZES['coffee.jpg']);
  });
  it('finds the frame header past an EXIF segment and fill bytes', () => {
    const exif = [0xff, 0xe1, 0x00, 0x08, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00];
    const sof2 = [0xff, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x0b, 0xb8, 0x0f, 0xa0, 0x03];
    expect(jpegSize(Uint8Array.from([0xff, 0xd8, ...exif, ...sof2, 0, 0, 0, 0]))).toEqual({ width: 4000, height: 3000 });
  });
  it('gives null for what is not a JPEG, or has no frame header in the bytes given', () => {
    expect(jpegSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(jpegSize(sample('cat.jpg').subarray(0, 20))).toBeNull();
    expect(jpegSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });
});
