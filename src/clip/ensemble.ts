/**
 * Prompt ensembling, as in the CLIP paper (section 3.1.4): encode each label with several
 * prompt templates and average the text embeddings, so no single wording's quirks decide the
 * class. The paper reports a few points of ImageNet accuracy from this; it also makes a good
 * lecture demo ("the classifier is built from sentences").
 */

/**
 * This project's templates, in the spirit of CLIP's (which are the release's wording and are not
 * copied here). They vary the medium (photo, drawing, illustration), the quality (blurry,
 * grainy, low light) and the framing (close-up, far away, small, in context), which is what helps
 * on photos whose style the label alone does not describe.
 */
export const ENSEMBLE_TEMPLATES: readonly string[] = [
  'a photo of a {}.',
  'a blurry photo of a {}.',
  'a close-up photo of the {}.',
  'a snapshot of a {} from far away.',
  'a photo of a small {}.',
  'a photo of a {} in its everyday setting.',
  'a grainy old photo of a {}.',
  'a photo of a {} taken in low light.',
  'a drawing of a {}.',
  'an illustration of a {}.',
  'a cartoon picture of a {}.',
];

/**
 * One prompt per (label, template), label-major: all templates of label 0, then of label 1...
 * so the prompts of label i are rows i*templates.length ... (i+1)*templates.length - 1, the
 * layout `averageEmbeddings` expects. Every `{}` is replaced; a template without `{}` gets the
 * label appended (the same rule as the label editor's single template).
 */
export function ensemblePrompts(labels: readonly string[], templates: readonly string[]): string[] {
  const prompts: string[] = [];
  for (const label of labels) {
    for (const template of templates) {
      const trimmed = template.trim();
      if (!trimmed) prompts.push(label);
      else prompts.push(trimmed.includes('{}') ? trimmed.split('{}').join(label) : `${trimmed} ${label}`);
    }
  }
  return prompts;
}

/**
 * Per-label average of prompt embeddings, CLIP's recipe: L2-normalise each prompt embedding,
 * average the `templateCount` embeddings of each label, and L2-normalise the mean again.
 * Normalising first matters: the text encoder's raw output norms differ between prompts, and
 * without it the longest vector would dominate the average.
 *
 * `embeddings` is row-major [labelCount × templateCount, dim] in `ensemblePrompts` order; the
 * result is [labelCount, dim], unit rows. Zero vectors stay zero instead of becoming NaN.
 * Sums are accumulated in double.
 */
export function averageEmbeddings(embeddings: Float32Array, labelCount: number, templateCount: number, dim: number): Float32Array {
  for (const [name, value] of [['labelCount', labelCount], ['templateCount', templateCount], ['dim', dim]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`averageEmbeddings: ${name} must be a non-negative integer, got ${value}`);
  }
  const rows = labelCount * templateCount;
  if (embeddings.length !== rows * dim) {
    throw new Error(`averageEmbeddings: expected ${labelCount}×${templateCount}×${dim} = ${rows * dim} values, got ${embeddings.length}`);
  }
  const out = new Float32Array(labelCount * dim);
  const mean = new Float64Array(dim);
  for (let label = 0; label < labelCount; label++) {
    mean.fill(0);
    for (let t = 0; t < templateCount; t++) {
      const offset = (label * templateCount + t) * dim;
      let norm = 0;
      for (let k = 0; k < dim; k++) norm += embeddings[offset + k]! * embeddings[offset + k]!;
      if (norm === 0) continue;
      const inverse = 1 / Math.sqrt(norm);
      for (let k = 0; k < dim; k++) mean[k]! += embeddings[offset + k]! * inverse;
    }
    // Dividing by templateCount would not change the direction; the renormalisation does it all.
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += mean[k]! * mean[k]!;
    if (norm === 0) continue;
    const inverse = 1 / Math.sqrt(norm);
    for (let k = 0; k < dim; k++) out[label * dim + k] = mean[k]! * inverse;
  }
  return out;
}
