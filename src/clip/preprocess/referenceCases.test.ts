/// <reference types="node" />
/**
 * Bit-exact parity with both Hugging Face backends on small cases whose expected bytes and floats
 * come from the reference implementations (Pillow 9.4, PyTorch; see
 * scripts/preprocess-fixtures/make_fixtures.py). Unlike parity.test.ts this needs no shared data,
 * and the cases are picked so the two backends disagree on some values: an implementation of one
 * backend's arithmetic cannot pass for the other.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePreprocessorConfig } from './config';
import { preprocessImage } from './preprocess';
import { resample, type ImageProcessorBackend, type ResampleFilter } from './resample';

interface Fixture {
  images: Record<string, { width: number; height: number; rgb: string }>;
  resize: { image: string; width: number; height: number; filter: ResampleFilter; pil: string; torchvision: string }[];
  values: { name: string; rescale: number | null; mean: number[] | null; std: number[] | null; pil: string; torchvision: string }[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/reference-cases.json', import.meta.url), 'utf8')) as Fixture;
const BACKENDS: ImageProcessorBackend[] = ['torchvision', 'pil'];

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

function floats(base64: string): Float32Array {
  const raw = Buffer.from(base64, 'base64');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Float32Array.from({ length: raw.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/** Indices where two arrays differ (an empty list is what the tests want). */
function differences(actual: ArrayLike<number>, expected: ArrayLike<number>): number[] {
  expect(actual.length).toBe(expected.length);
  const out: number[] = [];
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) out.push(i);
  return out;
}

describe('resampling matches the reference libraries byte for byte', () => {
  const cases = fixture.resize.flatMap((c) => BACKENDS.map((backend) => [`${c.image} → ${c.width}×${c.height} ${c.filter}, ${backend}`, c, backend] as const));

  it.each(cases)('%s', (_, c, backend) => {
    const source = fixture.images[c.image];
    if (!source) throw new Error(`reference-cases.json: resize case names a missing image ${c.image}`);
    const image = { data: bytes(source.rgb), width: source.width, height: source.height, channels: 3 as const };
    const out = resample(image, c.width, c.height, { filter: c.filter, backend });
    expect(differences(out.data, bytes(c[backend]))).toEqual([]);
  });

  it.each<ResampleFilter>(['bicubic', 'bilinear', 'nearest'])('has %s cases where the two backends give different bytes', (filter) => {
    const disagreeing = fixture.resize.filter((c) => c.filter === filter && differences(bytes(c.pil), bytes(c.torchvision)).length > 0);
    expect(disagreeing.length).toBeGreaterThan(0);
  });
});

describe('rescale and normalisation match the reference float32 values bit for bit', () => {
  // A 16×16 image holding every 8-bit value once, not resized: its output planes are the tables.
  const data = new Uint8Array(256 * 3);
  for (let v = 0; v < 256; v++) data.fill(v, v * 3, v * 3 + 3);
  const image = { data, width: 16, height: 16, channels: 3 as const };
  const cases = fixture.values.flatMap((c) => BACKENDS.map((backend) => [`${c.name}, ${backend}`, c, backend] as const));

  it.each(cases)('%s', (_, c, backend) => {
    const config = parsePreprocessorConfig({
      backend,
      do_resize: false,
      crop_size: 16,
      do_rescale: c.rescale !== null,
      rescale_factor: c.rescale ?? undefined,
      do_normalize: c.mean !== null,
      image_mean: c.mean,
      image_std: c.std,
    });
    expect(differences(preprocessImage(image, config), floats(c[backend]))).toEqual([]);
  });

  it('has cases where the two backends give different floats', () => {
    expect(fixture.values.some((c) => differences(floats(c.pil), floats(c.torchvision)).length > 0)).toBe(true);
  });
});
