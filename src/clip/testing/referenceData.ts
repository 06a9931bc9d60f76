/**
 * Facts about the shared reference data (../shared/clip-reference, never copied into the project)
 * that the unit tests and the browser parity test both need. Plain data and pure functions.
 */
import type { ImageProcessorBackend } from '../preprocess/resample';

/**
 * The reference README says the pixels/ of these two were made "with the same steps in Pillow 9.4
 * directly"; the others with transformers 5.17's CLIPImageProcessor, whose default backend is
 * torchvision. Their bytes confirm it: each matches its own backend exactly and the other one at
 * ~0.5% of values by one 8-bit level (and its float rounding at most values by an ulp).
 */
const MADE_WITH_PILLOW = new Set(['gray-radial-200x500.png', 'rgba-stripes-300x200.png']);

/** Which backend's arithmetic reproduces the stored pixel_values of a reference image. */
export function referenceBackend(image: string): ImageProcessorBackend {
  return MADE_WITH_PILLOW.has(image) ? 'pil' : 'torchvision';
}

/**
 * What a test does when the reference data is not at `path`: locally it skips with this message;
 * under CI (the `CI` environment variable set, as CI services set it) it fails, so a
 * broken checkout cannot pass by skipping its parity checks.
 */
export function missingReferenceData(path: string, ci: string | undefined): { skip: boolean; message: string } {
  const onCi = ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
  return onCi
    ? { skip: false, message: `CLIP reference data not found at ${path}: CI runs must have ../shared/clip-reference` }
    : { skip: true, message: `CLIP reference data not found at ${path}: tests that need it are skipped` };
}
