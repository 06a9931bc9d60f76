/**
 * The model's input as a picture: `pixel_values` [3,H,W] (rescaled and normalised) back to 8-bit
 * RGBA by inverting the preprocessor's normalisation, so the page can draw exactly what the image
 * encoder receives.
 */
import type { PreprocessorConfig } from '../../clip';

export function pixelValuesToRgba(values: Float32Array, width: number, height: number, config: Pick<PreprocessorConfig, 'mean' | 'std' | 'rescale'>): Uint8ClampedArray<ArrayBuffer> {
  const plane = width * height;
  if (values.length < 3 * plane) throw new Error(`pixel values hold ${values.length} numbers, 3×${width}×${height} needs ${3 * plane}`);
  const out = new Uint8ClampedArray(plane * 4);
  const { mean, std, rescale } = config;
  for (let c = 0; c < 3; c++) {
    const m = mean?.[c] ?? 0;
    const s = std?.[c] ?? 1;
    const scale = rescale ?? 1;
    for (let i = 0; i < plane; i++) out[i * 4 + c] = Math.round((values[c * plane + i]! * s + m) / scale); // clamped by the array
  }
  for (let i = 0; i < plane; i++) out[i * 4 + 3] = 255;
  return out;
}
