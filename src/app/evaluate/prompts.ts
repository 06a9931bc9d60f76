/**
 * Prompt engineering, measured: the same images classified with the label alone, with "a photo of
 * a {}.", with the user's template and with the prompt ensemble (CLIP paper, section 3.1.4: prompts
 * and ensembling gained ImageNet accuracy). Each strategy's label embeddings go through the worker's
 * cached text path; accuracy is top-1 over the evaluated images.
 */
import { averageEmbeddings, cosineMatrix, ENSEMBLE_TEMPLATES, ensemblePrompts } from '../../clip';

export interface PromptStrategy {
  id: 'bare' | 'photo' | 'yours' | 'ensemble';
  name: string;
  templates: readonly string[];
}

export const PHOTO_TEMPLATE = 'a photo of a {}.';

/** The strategies compared; the user's template only when it is not one of the first two. */
export function promptStrategies(userTemplate: string): PromptStrategy[] {
  const yours = userTemplate.trim();
  const strategies: PromptStrategy[] = [
    { id: 'bare', name: 'Label only: {}', templates: ['{}'] },
    { id: 'photo', name: `“${PHOTO_TEMPLATE}”`, templates: [PHOTO_TEMPLATE] },
  ];
  if (yours && yours !== '{}' && yours !== PHOTO_TEMPLATE) strategies.push({ id: 'yours', name: `Yours: “${yours}”`, templates: [yours] });
  strategies.push({ id: 'ensemble', name: `Ensemble of ${ENSEMBLE_TEMPLATES.length} templates`, templates: ENSEMBLE_TEMPLATES });
  return strategies;
}

export function strategyPrompts(strategy: PromptStrategy, labels: readonly string[]): string[] {
  return ensemblePrompts(labels, strategy.templates);
}

/** Label embeddings of a strategy from its prompts' embeddings (averaged per label for several templates). */
export function strategyEmbeddings(strategy: PromptStrategy, promptEmbeddings: Float32Array, labelCount: number, dim: number): Float32Array {
  return averageEmbeddings(promptEmbeddings, labelCount, strategy.templates.length, dim);
}

/** Index of the best label (highest cosine) for each image. */
export function predictions(images: readonly Float32Array[], labelEmbeddings: Float32Array, labelCount: number, dim: number): Int32Array {
  const out = new Int32Array(images.length);
  images.forEach((image, i) => {
    const cosines = cosineMatrix(image, 1, labelEmbeddings, labelCount, dim);
    let best = 0;
    for (let k = 1; k < labelCount; k++) if (cosines[k]! > cosines[best]!) best = k;
    out[i] = best;
  });
  return out;
}
