/**
 * Labelled embeddings → what the probe worker trains on: classes in label order (only those with
 * an example), the zero-shot classifier of those classes (their label embeddings × the logit
 * scale: the probe's prior when it starts from zero-shot), and the zero-shot prediction of each
 * example among the same classes (for a fair line on the k-shot curve).
 */
import type { ProbeInput } from '../../clip/probe';
import type { LabelEmbeddings } from '../state/labelStore';
import { predictions } from './prompts';

export interface Labelled {
  embedding: Float32Array;
  label: string;
}

export interface BuiltInput {
  input: ProbeInput;
  /** Zero-shot class (index into input.classes) of each row. */
  zeroShotPredictions: Int32Array;
  /** Images per class, in input.classes order. */
  perClass: number[];
}

export function buildProbeInput(examples: readonly Labelled[], labels: LabelEmbeddings, seed = 1): BuiltInput {
  const present = new Set(examples.map((e) => e.label));
  const classes = labels.labels.filter((l) => present.has(l));
  const index = new Map(classes.map((c, i) => [c, i]));
  const dim = labels.dim;
  const usable = examples.filter((e) => index.has(e.label) && e.embedding.length === dim);
  const embeddings = new Float32Array(usable.length * dim);
  usable.forEach((e, r) => embeddings.set(e.embedding, r * dim));
  const y = Int32Array.from(usable, (e) => index.get(e.label)!);
  const zeroShot = new Float32Array(classes.length * dim);
  classes.forEach((label, k) => {
    const source = labels.labels.indexOf(label);
    for (let j = 0; j < dim; j++) zeroShot[k * dim + j] = labels.embeddings[source * dim + j]! * labels.logitScale;
  });
  const perClass = classes.map(() => 0);
  for (const k of y) perClass[k]!++;
  return {
    input: { embeddings, dim, y, classes, zeroShot, seed },
    zeroShotPredictions: predictions(usable.map((e) => e.embedding), zeroShot, classes.length, dim),
    perClass,
  };
}
