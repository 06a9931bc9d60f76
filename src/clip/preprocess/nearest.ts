/**
 * Which source index each output index samples for the 'nearest' filter, per backend. Neither
 * library uses filter weights for it, and the two round pixel centres in different arithmetic,
 * so a few indices differ between them (and from a "mathematically nearest" formula):
 *
 * - Pillow maps NEAREST to an affine transform (ImagingScaleAffine): a double accumulator that
 *   starts at half a step and adds in/out per output, truncated.
 * - Hugging Face maps PIL's NEAREST to torchvision's NEAREST_EXACT, i.e. PyTorch's
 *   HelperInterpNearestExact: in float32, src = scale × (i + 0.5) - 0.5 (clamped at 0), then
 *   floor(src + 0.5), with scale = in/out as a float32.
 */
import type { ImageProcessorBackend } from './resample';

/** Source index for outputs 0..end-1 of one axis; -1 when outside the source (Pillow fills 0). */
export function nearestTable(inSize: number, outSize: number, end: number, backend: ImageProcessorBackend): Int32Array {
  return backend === 'pil' ? pillowNearest(inSize, outSize, end) : torchNearestExact(inSize, outSize, end);
}

function pillowNearest(inSize: number, outSize: number, end: number): Int32Array {
  const step = inSize / outSize;
  const table = new Int32Array(end);
  let pos = step * 0.5;
  for (let i = 0; i < end; i++) {
    const index = pos < 0 ? -1 : Math.trunc(pos);
    table[i] = index < inSize ? index : -1;
    pos += step;
  }
  return table;
}

function torchNearestExact(inSize: number, outSize: number, end: number): Int32Array {
  const f = Math.fround;
  // float / int64 in C++: a float32 division, which equals rounding the exact quotient once.
  const scale = f(inSize / outSize);
  const table = new Int32Array(end);
  for (let i = 0; i < end; i++) {
    let src = f(f(scale * f(i + 0.5)) - 0.5);
    if (src < 0) src = 0;
    table[i] = Math.min(Math.floor(f(src + 0.5)), inSize - 1);
  }
  return table;
}
