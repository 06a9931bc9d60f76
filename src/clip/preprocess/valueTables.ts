/**
 * Rescale + normalise as lookup tables: an 8-bit value becomes the same float32 the reference
 * backend computes for it. The two Hugging Face backends round differently (by an ulp or two, so
 * only bit-exact comparisons see it), because they order the float32 steps differently:
 *
 * - "pil" (NumPy): rescale in float64, cast to float32; then float32 (x - mean) / std.
 * - "torchvision": rescale and normalise fused into one step on the uint8 values, with
 *   mean' = mean / rescale and std' = std / rescale precomputed as float32 tensors
 *   (`torch.tensor(mean) * (1.0 / rescale_factor)`); then float32 (v - mean') / std'.
 *   Without normalisation it multiplies by the factor in float32; without rescale it normalises
 *   the plain values.
 */
import type { PreprocessorConfig } from './config';

const f = Math.fround;

type Channel = 0 | 1 | 2;
const CHANNELS: readonly Channel[] = [0, 1, 2];

/** 3 tables of 256 floats (R, G, B): value → pixel_values entry. */
export function valueTables(config: PreprocessorConfig): Float32Array {
  const table = new Float32Array(3 * 256);
  for (const c of CHANNELS) {
    const convert = config.backend === 'pil' ? pilValue(config, c) : torchvisionValue(config, c);
    for (let v = 0; v < 256; v++) table[c * 256 + v] = convert(v);
  }
  return table;
}

function pilValue({ rescale, mean, std }: PreprocessorConfig, c: Channel): (v: number) => number {
  const m = mean ? f(mean[c]) : 0;
  const s = std ? f(std[c]) : 1;
  return (v) => {
    // uint8 → float64, multiply, cast to float32.
    const x = rescale === null ? v : f(v * rescale);
    return mean ? f(f(x - m) / s) : x;
  };
}

function torchvisionValue({ rescale, mean, std }: PreprocessorConfig, c: Channel): (v: number) => number {
  if (mean && std) {
    // The Python scalar 1 / rescale meets a float32 tensor: it is cast to float32 first.
    const factor = rescale === null ? null : f(1 / rescale);
    const m = factor === null ? f(mean[c]) : f(f(mean[c]) * factor);
    const s = factor === null ? f(std[c]) : f(f(std[c]) * factor);
    return (v) => f(f(v - m) / s);
  }
  if (rescale !== null) {
    const factor = f(rescale);
    return (v) => f(v * factor);
  }
  return (v) => v;
}
