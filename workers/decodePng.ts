/**
 * Decoding PNGs with transparency in JavaScript, to the colours Pillow's convert('RGB') gives (what
 * the reference CLIP preprocessing sees). Browsers cannot be asked for those: canvas pixels are
 * premultiplied, so translucent colours come back rounded (palette + tRNS PNGs were off by up to
 * a few levels at half the pixels in Chromium), and fully transparent pixels come back black
 * (a tRNS colour key, or alpha 0), while Pillow keeps the stored colour and drops the alpha.
 *
 * Pure (no DOM): used by the worker's decodeImage and tested in Node.
 */
import { convertIndexedToRgb, decode } from 'fast-png';

export interface RgbaImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 4;
}

/** What the IHDR says and whether a tRNS chunk comes before the image data. */
export interface PngInfo {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  hasTransparencyChunk: boolean;
}

/** Reads the chunk headers up to the first IDAT; null when the bytes are not a PNG. */
export function pngInfo(bytes: Uint8Array): PngInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isPng = bytes.length >= 33 && view.getUint32(0) === 0x89504e47 && view.getUint32(4) === 0x0d0a1a0a;
  if (!isPng || chunkType(bytes, 8) !== 'IHDR') return null;
  const info = { width: view.getUint32(16), height: view.getUint32(20), depth: view.getUint8(24), colorType: view.getUint8(25), hasTransparencyChunk: false };
  for (let at = 8; at + 8 <= bytes.length; ) {
    const type = chunkType(bytes, at);
    if (type === 'IDAT' || type === 'IEND') break;
    if (type === 'tRNS') info.hasTransparencyChunk = true;
    at += 12 + view.getUint32(at);
  }
  return info;
}

/** The 4-letter type of the chunk at `at` (callers check that its 8-byte header is inside `bytes`). */
function chunkType(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at + 4, at + 8));
}

/**
 * Whether this PNG must be decoded here rather than by the browser: it has an alpha channel or a
 * tRNS chunk, in a layout whose 8-bit reading by Pillow is known. Left to the browser: gray with
 * tRNS below 8 bits (Pillow rescales those levels) or at 16 bits (Pillow reads 16-bit gray as
 * 32-bit integers and clips them when converting, which no browser does).
 */
export function needsJsDecoding(info: PngInfo): boolean {
  const { colorType, depth, hasTransparencyChunk } = info;
  if (colorType === 4 || colorType === 6) return true;
  if (!hasTransparencyChunk) return false;
  return colorType === 3 || colorType === 2 || (colorType === 0 && depth === 8);
}

/**
 * Straight (not premultiplied) 8-bit RGBA. 16-bit samples keep their high byte, as Pillow does
 * when it reads them as 8-bit; a palette's colours are looked up; the alpha is the PNG's own (the
 * tRNS key or palette alpha), which preprocessing then drops like Pillow's convert('RGB').
 */
export function decodePngRgba(bytes: Uint8Array): RgbaImage {
  const png = decode(bytes);
  const pixels = png.width * png.height;
  const data = new Uint8Array(pixels * 4);
  if (png.palette) {
    const [firstColour] = png.palette;
    if (!firstColour) throw new Error('PNG palette is empty');
    const colours = convertIndexedToRgb(png); // 3 or (with tRNS) 4 values per pixel
    const stride = firstColour.length;
    for (let i = 0; i < pixels; i++) {
      data.set(colours.subarray(i * stride, i * stride + 3), i * 4);
      data[i * 4 + 3] = stride === 4 ? colours[i * stride + 3]! : 255;
    }
    return { data, width: png.width, height: png.height, channels: 4 };
  }
  const shift = png.depth === 16 ? 8 : 0;
  const source = png.data;
  const channels = png.channels;
  const colour = channels <= 2 ? 1 : 3; // gray or RGB, possibly followed by alpha
  const key = png.transparency && png.transparency.length === colour ? png.transparency : null;
  for (let i = 0; i < pixels; i++) {
    const p = i * channels;
    for (let c = 0; c < 3; c++) data[i * 4 + c] = source[p + (colour === 1 ? 0 : c)]! >> shift;
    let alpha = 255;
    if (channels === 2 || channels === 4) alpha = source[p + channels - 1]! >> shift;
    else if (key && key.every((k, c) => source[p + c] === k)) alpha = 0;
    data[i * 4 + 3] = alpha;
  }
  return { data, width: png.width, height: png.height, channels: 4 };
}
