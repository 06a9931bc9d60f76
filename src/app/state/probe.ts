/**
 * The trained (or imported) linear probe as the page holds it, and how it classifies an embedding:
 * softmax over W·x̂ + b, x̂ the L2-normalised embedding (as in training). A probe belongs to one
 * model (id and embedding size): under another model it is stale, said so and never applied.
 */
import type { ProbeStart, SweepPoint } from '../../clip/probe';
import type { LabelScore } from '../gallery/scores';

export interface Probe {
  classes: string[];
  dim: number;
  /** K × dim, row-major. */
  weights: Float32Array;
  intercepts: Float32Array;
  /** The model whose image embeddings it was trained on. */
  modelId: string;
  c: number;
  start: ProbeStart;
  examples: number;
  /** Cross-validation: the sweep of C, when there were enough examples for it. */
  sweep: SweepPoint[] | null;
  source: 'trained' | 'imported';
  /** What it was trained on, for the UI ("48 gallery images, 30 camera frames"). */
  trainedOn: { gallery: number; camera: number };
}

export interface ActiveModelInfo {
  id: string;
  dim: number;
}

/** Why the probe cannot be applied to embeddings of `model`, or null when it can. */
export function probeMismatch(probe: Pick<Probe, 'modelId' | 'dim'>, model: ActiveModelInfo | null): string | null {
  if (!model) return 'No model is loaded.';
  if (probe.modelId !== model.id || probe.dim !== model.dim) {
    return `The probe was trained on ${probe.modelId} (${probe.dim}-dimensional embeddings); the model in use is ${model.id} (${model.dim}). Train it again with this model, or load ${probe.modelId}.`;
  }
  return null;
}

/** The probe's classes ranked for one embedding (probabilities; `cosine` is NaN: a probe has none). */
export function probeScores(probe: Probe, embedding: ArrayLike<number>, k = 5): LabelScore[] {
  const { dim, classes } = probe;
  if (embedding.length !== dim) throw new Error(`probe: an embedding of ${embedding.length} values, expected ${dim}`);
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += embedding[j]! * embedding[j]!;
  const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const logits = classes.map((_, c) => {
    let s = probe.intercepts[c]!;
    for (let j = 0; j < dim; j++) s += probe.weights[c * dim + j]! * embedding[j]! * inverse;
    return s;
  });
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return classes
    .map((label, c) => ({ label, probability: exps[c]! / sum, cosine: Number.NaN, index: c }))
    .sort((a, b) => b.probability - a.probability || a.index - b.index)
    .slice(0, k)
    .map(({ label, probability, cosine }) => ({ label, probability, cosine }));
}
