/**
 * The probe as a JSON file, to keep it or share it with the class: weights, classes, the model id
 * and embedding size. Reading checks everything (a file from elsewhere is untrusted) and refuses a
 * probe made for another model with a message saying which.
 */
import type { Probe, ActiveModelInfo } from './probe';
import { probeMismatch } from './probe';

export const PROBE_FORMAT = 'clip-in-browser/linear-probe';
export const PROBE_VERSION = 1;
/** Far above any real probe (1000 classes × 1024 dimensions), far below a file that would hurt. */
const MAX_VALUES = 4_000_000;

export interface ProbeFile {
  format: typeof PROBE_FORMAT;
  version: typeof PROBE_VERSION;
  modelId: string;
  dim: number;
  classes: string[];
  /** One row of `dim` weights per class. */
  weights: number[][];
  intercepts: number[];
  c: number;
  start: Probe['start'];
  examples: number;
  /** How to use it, for whoever opens the file. */
  note: string;
}

export function probeToJson(probe: Probe): string {
  const file: ProbeFile = {
    format: PROBE_FORMAT,
    version: PROBE_VERSION,
    modelId: probe.modelId,
    dim: probe.dim,
    classes: probe.classes,
    weights: probe.classes.map((_, c) => Array.from(probe.weights.subarray(c * probe.dim, (c + 1) * probe.dim))),
    intercepts: Array.from(probe.intercepts),
    c: probe.c,
    start: probe.start,
    examples: probe.examples,
    note: 'Multinomial logistic regression on L2-normalised CLIP image embeddings: p = softmax(W·x/|x| + b).',
  };
  return JSON.stringify(file);
}

export class ProbeFileError extends Error {}

/** Parses and checks a probe file for the model in use; throws ProbeFileError with a message for people. */
export function probeFromJson(text: string, model: ActiveModelInfo | null): Probe {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ProbeFileError('This file is not JSON: it is not a probe exported by this app.');
  }
  const f = data as Partial<ProbeFile> | null;
  if (typeof f !== 'object' || f === null || f.format !== PROBE_FORMAT) throw new ProbeFileError('This JSON file is not a linear probe exported by this app.');
  if (f.version !== PROBE_VERSION) throw new ProbeFileError(`This probe file has version ${String(f.version)}; this app reads version ${PROBE_VERSION}.`);
  const { modelId, dim, classes, weights, intercepts } = f;
  if (typeof modelId !== 'string' || !Number.isInteger(dim) || (dim as number) < 1) throw new ProbeFileError('The probe file does not say which model it is for.');
  const mismatch = probeMismatch({ modelId, dim: dim as number }, model);
  if (mismatch) throw new ProbeFileError(`This probe is for another model. ${mismatch}`);
  const d = dim as number;
  if (!Array.isArray(classes) || classes.length < 2 || !classes.every((c) => typeof c === 'string' && c.trim() !== '') || new Set(classes).size !== classes.length) {
    throw new ProbeFileError('The probe file’s classes must be at least two different names.');
  }
  if (classes.length * d > MAX_VALUES) throw new ProbeFileError(`The probe file is too large (${classes.length} classes × ${d} dimensions).`);
  if (!Array.isArray(weights) || weights.length !== classes.length || !weights.every((row) => Array.isArray(row) && row.length === d && row.every(Number.isFinite))) {
    throw new ProbeFileError(`The probe file’s weights must be ${classes.length} rows of ${d} finite numbers.`);
  }
  if (!Array.isArray(intercepts) || intercepts.length !== classes.length || !intercepts.every(Number.isFinite)) {
    throw new ProbeFileError(`The probe file’s intercepts must be ${classes.length} finite numbers.`);
  }
  return {
    classes: [...classes],
    dim: d,
    weights: Float32Array.from(weights.flat()),
    intercepts: Float32Array.from(intercepts),
    modelId,
    c: typeof f.c === 'number' && f.c > 0 ? f.c : Number.NaN,
    start: f.start === 'zero-shot' ? 'zero-shot' : 'zero',
    examples: Number.isInteger(f.examples) ? (f.examples as number) : 0,
    sweep: null,
    source: 'imported',
    trainedOn: { gallery: 0, camera: 0 },
  };
}
