/**
 * Fixed-point filter weights for one axis of a separable resize, computed the way each reference
 * library computes them. Given these weights, Pillow and PyTorch run the very same integer passes
 * (resample.ts); the 8-bit results differ only because the weights differ, so this file is where
 * the two backends part ways:
 *
 * - Pillow (libImaging/Resample.c, Hugging Face's "pil" backend): weights with a fixed 22 fraction
 *   bits (32 bits - 8 for the value - 2 of headroom for negative lobes).
 * - PyTorch's uint8 antialiased kernel (aten/src/ATen/native/cpu/UpSampleKernel.cpp,
 *   `_compute_index_ranges_int16_weights`), which torchvision's `resize` uses for uint8 tensors and
 *   so Hugging Face's default "torchvision" backend: int16 weights whose fraction bits are chosen
 *   per axis from the largest weight (the most that keeps it below 2^15, at most 22; usually
 *   14–17). Coarser weights round some sums the other way: one 8-bit level at ~0.5% of values.
 *   Its bicubic kernel is also written in another (algebraically equal) form; it is kept as is
 *   because the doubles can differ in the last bit (no rounded weight was seen to change by it).
 *
 * Everything else (filter support stretched by the scale when downscaling, i.e. antialiasing;
 * source span; normalising the weights to sum 1; rounding half away from zero) is the same in
 * both, in the same order of double operations.
 */
import type { ImageProcessorBackend, ResampleFilter } from './resample';

/** Source span and fixed-point weights for a run of consecutive outputs of one axis. */
export interface Coefficients {
  /** For output i (relative to the first one asked for): [first source index, number of taps]. */
  bounds: Int32Array;
  /** `ksize` weights per output, `precision` fraction bits. */
  weights: Int32Array;
  ksize: number;
  precision: number;
}

type Interpolating = Exclude<ResampleFilter, 'nearest'>;

function triangle(x: number): number {
  if (x < 0) x = -x;
  return x < 1 ? 1 - x : 0;
}

/** Keys' cubic convolution, a = -0.5, as Pillow's bicubic_filter writes it. */
function pillowCubic(x: number): number {
  const a = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

/** The same cubic as PyTorch's aa_filter (cubic_convolution1 / cubic_convolution2, A = -0.5). */
function torchCubic(x: number): number {
  const A = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((A + 2) * x - (A + 3)) * x * x + 1;
  if (x < 2) return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  return 0;
}

const SUPPORT: Record<Interpolating, number> = { bilinear: 1, bicubic: 2 };
const KERNEL: Record<ImageProcessorBackend, Record<Interpolating, (x: number) => number>> = {
  pil: { bilinear: triangle, bicubic: pillowCubic },
  torchvision: { bilinear: triangle, bicubic: torchCubic },
};

/** Pillow's PRECISION_BITS; also PyTorch's upper limit for its own choice. */
const MAX_PRECISION = 22;

/**
 * Weights for outputs first..first+count-1 of an axis resized from inSize to outSize.
 * PyTorch picks the precision from the largest weight of the whole axis, so for it every output's
 * double weights are computed (a few thousand filter evaluations: negligible next to the pixels),
 * then only the requested ones are kept.
 */
export function coefficients(
  inSize: number,
  outSize: number,
  first: number,
  count: number,
  filter: Interpolating,
  backend: ImageProcessorBackend,
): Coefficients {
  const kernel = KERNEL[backend][filter];
  const torch = backend === 'torchvision';
  const scale = inSize / outSize;
  const filterScale = scale < 1 ? 1 : scale;
  // Downscaling stretches the filter over more source pixels: that is the antialiasing.
  const support = SUPPORT[filter] * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const inverseFilterScale = 1 / filterScale;
  // Pillow's weights depend only on their own output, so it computes just the window.
  const start = torch ? 0 : first;
  const end = torch ? outSize : first + count;

  const bounds = new Int32Array(count * 2);
  const doubles = new Float64Array(count * ksize);
  const w = new Float64Array(ksize + 1);
  let maxWeight = 0;
  for (let i = start; i < end; i++) {
    const center = (i + 0.5) * scale;
    // C's (int) cast truncates toward zero.
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    // PyTorch clips the tap count to ksize (rounding can make it one more); Pillow does not.
    if (torch && xmax > ksize) xmax = ksize;
    let sum = 0;
    for (let x = 0; x < xmax; x++) {
      const value = kernel((x + xmin - center + 0.5) * inverseFilterScale);
      w[x] = value;
      sum += value;
    }
    const inWindow = i >= first && i < first + count;
    const base = (i - first) * ksize;
    for (let x = 0; x < xmax; x++) {
      const weight = w[x]!;
      const k = sum !== 0 ? weight / sum : weight;
      if (sum !== 0 && k > maxWeight) maxWeight = k;
      if (inWindow) doubles[base + x] = k;
    }
    if (inWindow) {
      bounds[(i - first) * 2] = xmin;
      bounds[(i - first) * 2 + 1] = xmax;
    }
  }

  const precision = torch ? torchPrecision(maxWeight) : MAX_PRECISION;
  const one = 2 ** precision;
  const weights = new Int32Array(count * ksize);
  for (let j = 0; j < weights.length; j++) {
    const v = doubles[j]! * one;
    // Both round half away from zero with a C (int) cast.
    weights[j] = v < 0 ? Math.trunc(-0.5 + v) : Math.trunc(0.5 + v);
  }
  return { bounds, weights, ksize, precision };
}

/** PyTorch: the most fraction bits (up to 22) for which the largest weight still fits in int16. */
function torchPrecision(maxWeight: number): number {
  let precision = 0;
  for (; precision < MAX_PRECISION; precision++) {
    if (Math.trunc(0.5 + maxWeight * 2 ** (precision + 1)) >= 1 << 15) break;
  }
  return precision;
}
