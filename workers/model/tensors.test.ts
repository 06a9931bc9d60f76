/** Output conversion and the attention mask, on real onnxruntime tensors. */
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { attentionMask, embeddingRows, toFloat32 } from './tensors';

describe('attentionMask', () => {
  it('covers each row up to and including its first end token', () => {
    const end = 9;
    const ids = BigInt64Array.from([1, 5, 9, 9, 9, /* row 2 */ 1, 5, 6, 7, 9], BigInt);
    expect(Array.from(attentionMask(ids, end, 2, 5), Number)).toEqual([1, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
  });
});

describe('embeddingRows', () => {
  it('returns the named output with each row scaled to unit length, and disposes every output', () => {
    const embeds = new ort.Tensor('float32', new Float32Array([3, 4, 0, 0, 0, 2]), [2, 3]);
    const other = new ort.Tensor('float32', new Float32Array([1]), [1]);
    const rows = embeddingRows({ other, text_embeds: embeds }, 'text_embeds', 'other', 2);
    expect(Array.from(rows)).toEqual([0.6000000238418579, 0.800000011920929, 0, 0, 0, 1]);
    // Disposed tensors have no data any more (on WebGPU they would hold GPU buffers).
    expect(() => embeds.data).toThrow();
    expect(() => other.data).toThrow();
  });

  it('falls back to the first output when the usual name is missing', () => {
    const rows = embeddingRows({ embeddings: new ort.Tensor('float32', new Float32Array([0, 5]), [1, 2]) }, 'image_embeds', 'embeddings', 1);
    expect(Array.from(rows)).toEqual([0, 1]);
  });

  it('fails with a typed error when neither output is there, still disposing the others', () => {
    const stray = new ort.Tensor('float32', new Float32Array([1]), [1]);
    expect(() => embeddingRows({ stray }, 'image_embeds', undefined, 1)).toThrow(expect.objectContaining({ kind: 'internal', message: 'The model returned no image_embeds output' }));
    expect(() => stray.data).toThrow();
  });
});

describe('toFloat32', () => {
  it('passes float32 data through and refuses other types with a typed error', () => {
    const data = new Float32Array([1.5, -2]);
    expect(toFloat32(new ort.Tensor('float32', data, [2]))).toBe(data);
    expect(() => toFloat32(new ort.Tensor('int32', new Int32Array([1]), [1]))).toThrow(expect.objectContaining({ kind: 'internal' }));
  });
});
