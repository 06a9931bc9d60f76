/// <reference types="node" />
/**
 * Half-precision outputs. onnxruntime hands out a float16 tensor's data as raw bits in a
 * Uint16Array where the JavaScript runtime has no Float16Array (Node 20, older browsers): they must
 * be decoded, not read as integers. onnxruntime's own Cast is the reference for every bit pattern.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_PICTURES, goldenPng } from '../../src/clip/testing/zeroShotGolden';
import { loadBundledModel } from '../testing/nodeModel';
import { decodeHalfBits } from './float16';
import { toFloat32 } from './tensors';

const castModel = readFileSync(new URL('./testdata/cast_float16.onnx', import.meta.url));
let cast: ort.InferenceSession;
beforeAll(async () => {
  cast = await ort.InferenceSession.create(castModel, { intraOpNumThreads: 1 });
});
afterAll(() => cast.release());

const half = (bits: number[]) => new ort.Tensor('float16', Uint16Array.from(bits), [bits.length]);

describe('toFloat32 of a float16 tensor', () => {
  it('decodes exact bit patterns: zeros, normals, extremes, subnormals, infinities, NaN', () => {
    const cases: [number, number][] = [
      [0x0000, 0],
      [0x8000, -0],
      [0x3c00, 1],
      [0xc000, -2],
      [0x3555, 0.333251953125],
      [0x7bff, 65504], // largest finite
      [0x0400, 2 ** -14], // smallest normal
      [0x03ff, 1023 * 2 ** -24], // largest subnormal
      [0x0001, 2 ** -24], // smallest subnormal
      [0x8001, -(2 ** -24)],
      [0x7c00, Infinity],
      [0xfc00, -Infinity],
    ];
    const out = toFloat32(half(cases.map(([bits]) => bits)));
    cases.forEach(([bits, value], i) => expect(Object.is(out[i], value), `0x${bits.toString(16)} → ${out[i]}, expected ${value}`).toBe(true));
    expect(Array.from(toFloat32(half([0x7e00, 0x7c01, 0xfe00])), Number.isNaN)).toEqual([true, true, true]);
  });

  it("agrees with onnxruntime's Cast on all 65536 bit patterns", async () => {
    const bits = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const { as_float } = await cast.run({ half: new ort.Tensor('float16', bits, [bits.length]), single: new ort.Tensor('float32', new Float32Array(1), [1]) });
    if (!as_float) throw new Error('the Cast model has no as_float output');
    const reference = as_float.data as Float32Array;
    const decoded = decodeHalfBits(bits);
    const wrong = Array.from(bits).filter((_, i) => !Object.is(decoded[i], reference[i]) && !(Number.isNaN(decoded[i]) && Number.isNaN(reference[i])));
    expect(wrong).toEqual([]);
  });

  it('reads a float16 output of onnxruntime-node (raw bits without Float16Array) as its values', async () => {
    const single = new Float32Array([1 / 3, 65520, 1e-7, -0, -1.5]);
    const { as_half } = await cast.run({ half: half([0]), single: new ort.Tensor('float32', single, [single.length]) });
    if (!as_half) throw new Error('the Cast model has no as_half output');
    expect(as_half.type).toBe('float16');
    if (typeof (globalThis as { Float16Array?: unknown }).Float16Array === 'undefined') expect(as_half.data).toBeInstanceOf(Uint16Array);
    // Rounded to half precision: 65520 overflows, 1e-7 becomes the subnormal 2 × 2⁻²⁴.
    expect(Array.from(toFloat32(as_half))).toEqual([0.333251953125, Infinity, 2 * 2 ** -24, -0, -1.5]);
  });
});

describe("the bundled model's fp16 towers", () => {
  it('return float32 embeddings (their casts are inside the graph) close to, but not equal to, the fp32 ones', async () => {
    const images = GOLDEN_PICTURES.map((p) => ({ name: p.name, blob: new Blob([goldenPng(p) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) }));
    const texts = ['a photo of a red circle.', 'blue', 'a green shape'];
    const embed = async (precision: 'fp16' | 'fp32') => {
      const model = await loadBundledModel({ precision });
      try {
        const { results } = await model.encodeImages(images);
        return [...results.flatMap((r) => (r.ok ? Array.from(r.embedding) : [])), ...(await model.encodeTexts(texts)).embeddings];
      } finally {
        await model.dispose();
      }
    };
    const session = await ort.InferenceSession.create(readFileSync(new URL('../../public/models/clip-shapes-tiny/onnx/vision_model_fp16.onnx', import.meta.url)));
    expect(session.outputMetadata.map((m) => (m.isTensor ? m.type : null))).toEqual(['float32']);
    await session.release();
    const [fp16, fp32] = [await embed('fp16'), await embed('fp32')];
    expect(fp16).toHaveLength(6 * 64);
    const differences = fp16.map((v, i) => Math.abs(v - fp32[i]!));
    expect(Math.max(...differences)).toBeLessThan(2e-3); // measured 2.6e-4
    expect(Math.max(...differences)).toBeGreaterThan(0);
  });
});
