/** The words for the two image fits, shared by the choice and the model-input dialog. */
import type { ImageFit } from '../../clip';

export const FIT_NAMES: Record<ImageFit, string> = {
  crop: 'Centre crop',
  pad: 'Whole image (padded)',
};

/** One or two sentences on what a fit does, with the model's input size when known. */
export function fitExplanation(fit: ImageFit, size: number | null): string {
  const px = size ? `${size} px` : 'the model’s size';
  return fit === 'crop'
    ? `Centre crop, as CLIP was trained: the shorter side is scaled to ${px} and only the middle square is kept, so the edges of a wide or tall picture are never seen.`
    : `Whole image: the picture is shrunk into the square and the rest filled with grey, so nothing is cut off, but everything gets smaller and CLIP never saw such bars in training.`;
}
