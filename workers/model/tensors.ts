/** Turning onnxruntime's output tensors into embeddings, and the text tower's attention mask. */
import { normalizeRows } from '../../src/clip/similarity';
import { ClipError } from '../errors';
import type { OrtTensor } from '../ort';
import { halfBitsToFloat32 } from './float16';

/** An output tensor's values as float32 (fp16 exports may return float16 embeddings). */
export function toFloat32(tensor: OrtTensor): Float32Array {
  if (tensor.type === 'float32') return tensor.data as Float32Array;
  if (tensor.type === 'float16') {
    const data = tensor.data;
    // Raw half-precision bits where JavaScript has no Float16Array; numbers where it has one.
    return data instanceof Uint16Array ? halfBitsToFloat32(data) : Float32Array.from(data as ArrayLike<number>);
  }
  throw new ClipError({ kind: 'internal', message: `The model returned ${tensor.type} values; expected float32 or float16` });
}

/**
 * The embeddings a tower returned (`name`, else its first output), one L2-normalised row per
 * input. Every output tensor is disposed: on WebGPU they hold GPU buffers.
 */
export function embeddingRows(outputs: Record<string, OrtTensor>, name: string, firstOutput: string | undefined, rows: number): Float32Array {
  try {
    const output = outputs[name] ?? (firstOutput === undefined ? undefined : outputs[firstOutput]);
    if (!output) throw new ClipError({ kind: 'internal', message: `The model returned no ${name} output` });
    const data = toFloat32(output);
    return normalizeRows(data, rows, data.length / rows);
  } finally {
    for (const output of Object.values(outputs)) output.dispose();
  }
}

/**
 * 1 for every token up to and including the first end token, 0 for the padding after it. Some
 * exports take an attention mask; CLIP's causal text tower reads the first end token.
 */
export function attentionMask(ids: BigInt64Array, endId: number, rows: number, length: number): BigInt64Array {
  const mask = new BigInt64Array(rows * length);
  for (let r = 0; r < rows; r++) {
    let ended = false;
    for (let c = 0; c < length; c++) {
      mask[r * length + c] = ended ? 0n : 1n;
      if (Number(ids[r * length + c]) === endId) ended = true;
    }
  }
  return mask;
}

/** Float32 rows one after another in one array (the only one itself, not a copy). */
export function concatRows(parts: Float32Array[]): Float32Array {
  const [only] = parts;
  if (parts.length === 1 && only) return only;
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
