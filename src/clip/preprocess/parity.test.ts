/// <reference types="node" />
/**
 * Bit-exact parity with the reference CLIP preprocessing (Hugging Face CLIPImageProcessor): every
 * PNG in ../shared/clip-reference/images must give exactly the pixel_values stored in pixels/,
 * with the backend that made them (see referenceBackend). Prints, per image, the count of values
 * that are not bit-identical and the largest difference.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { clipPreprocessorJson } from '../testing/fixtures';
import { missingReferenceData, referenceBackend } from '../testing/referenceData';
import { parsePreprocessorConfig } from './config';
import { preprocessImage, type InputImage } from './preprocess';

// The reference data lives next to the repository (../shared/clip-reference from the repo root).
const REFERENCE_DIR = fileURLToPath(new URL('../../../../shared/clip-reference/', import.meta.url));
const hasReference = existsSync(join(REFERENCE_DIR, 'images'));
const missing = hasReference ? null : missingReferenceData(REFERENCE_DIR, process.env.CI);
if (missing) console.warn(`Preprocessing parity: ${missing.message}`);

/**
 * Decodes a PNG to what Pillow's convert('RGB') sees. pngjs always hands out RGBA: gray comes
 * replicated into R, G, B (we pass one channel, as the app's gray path does); alpha and palette
 * images keep straight (unpremultiplied) colours, and preprocessing drops the alpha.
 */
function decodePng(path: string): InputImage {
  const png = PNG.sync.read(readFileSync(path));
  const { width, height, data } = png;
  if (png.depth === 16) throw new Error(`${path}: 16-bit PNGs are not handled by this test helper`);
  const pixels = width * height;
  const colorType: number = png.colorType;
  if (colorType === 0 || colorType === 4) {
    const gray = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) gray[i] = data[i * 4]!;
    return { data: gray, width, height, channels: 1 };
  }
  if (colorType === 2) {
    const rgb = new Uint8Array(pixels * 3);
    for (let i = 0; i < pixels; i++) {
      rgb[i * 3] = data[i * 4]!;
      rgb[i * 3 + 1] = data[i * 4 + 1]!;
      rgb[i * 3 + 2] = data[i * 4 + 2]!;
    }
    return { data: rgb, width, height, channels: 3 };
  }
  // RGBA (6) and palette (3, possibly with tRNS transparency): colours as stored, alpha dropped later.
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height, channels: 4 };
}

function readFloat32(path: string): Float32Array {
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

const images = hasReference ? readdirSync(join(REFERENCE_DIR, 'images')).filter((name) => name.toLowerCase().endsWith('.png')).sort() : [];

describe.skipIf(missing?.skip === true)('preprocessing parity with CLIPImageProcessor, bit for bit', () => {
  it('finds the reference images', () => {
    expect(hasReference, missing?.message).toBe(true);
    expect(images.length).toBeGreaterThan(0);
  });

  it.each(images)('%s matches its pixels/*.f32 exactly', (name) => {
    const backend = referenceBackend(name);
    const config = parsePreprocessorConfig({ ...clipPreprocessorJson(), backend });
    const actual = preprocessImage(decodePng(join(REFERENCE_DIR, 'images', name)), config);
    const expected = readFloat32(join(REFERENCE_DIR, 'pixels', `${name}.f32`));
    expect(actual.length).toBe(expected.length);
    let off = 0;
    let max = 0;
    for (let i = 0; i < expected.length; i++) {
      if (Object.is(actual[i], expected[i])) continue;
      off++;
      max = Math.max(max, Math.abs(actual[i]! - expected[i]!));
    }
    const figures = `${name} (${backend}): ${off} of ${expected.length} values off, max |diff| ${max.toExponential(3)}`;
    console.log(figures);
    expect(off, figures).toBe(0);
  });
});
