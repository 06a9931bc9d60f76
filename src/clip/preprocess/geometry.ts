/** Sizes and offsets of the reference steps (resize, centre crop), shared by preprocessing and the crop outline. */
import type { PreprocessorConfig, ResizeSpec } from './config';

/** Size after the resize step, as HF's get_resize_output_image_size computes it. */
export function resizedSize(width: number, height: number, resize: ResizeSpec | null): { width: number; height: number } {
  if (!resize) return { width, height };
  if (resize.kind === 'exact') return { width: resize.width, height: resize.height };
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  // Python: int(size * long / short), a float division truncated.
  const newLong = Math.trunc((resize.size * long) / short);
  return width <= height ? { width: resize.size, height: newLong } : { width: newLong, height: resize.size };
}

/**
 * Where the crop starts along one axis (negative: the image is smaller and sits inside padding).
 * The backends agree when the image is larger ((size - crop) / 2 rounded down) but not when it is
 * smaller by an odd amount: NumPy's center_crop pads ceil(extra / 2) before the image, i.e. a
 * floor of the negative offset; torchvision's pads (extra // 2) before it, i.e. a truncation.
 */
export function cropOffset(size: number, crop: number, config: Pick<PreprocessorConfig, 'backend'>): number {
  const offset = (size - crop) / 2;
  return config.backend === 'pil' ? Math.floor(offset) : Math.trunc(offset);
}
