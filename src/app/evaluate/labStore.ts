/**
 * The Evaluation view's longer jobs and what it remembers while the user looks elsewhere: the
 * prompt comparison (text encodes in the CLIP worker, cached), the k-shot curve and the shift
 * table (the probe worker). One job at a time, with progress and Cancel; each result carries the
 * key of the data it was computed from, so the view can tell when it is out of date.
 */
import { create } from 'zustand';
import { ClipError, isCancelled } from '../../../workers/errors';
import type { KShotCurve, ProbeStart, ShiftResult } from '../../clip/probe';
import { clipClient, probeClient } from '../state';
import type { LabelEmbeddings } from '../state/labelStore';
import type { EvalRow } from './evaluationSet';
import { buildProbeInput } from './probeInput';
import { predictions, promptStrategies, strategyEmbeddings, strategyPrompts, type PromptStrategy } from './prompts';

export interface PromptResult {
  strategy: PromptStrategy;
  prompts: number;
  correct: number;
  total: number;
}

export type LabJob = 'prompts' | 'curve' | 'shift';

/** Splits per k on the curve: enough to average out the luck of the draw, few enough to stay quick. */
export const CURVE_SPLITS = 5;

interface LabState {
  prompts: { key: string; results: PromptResult[] } | null;
  curve: { key: string; curves: KShotCurve[]; classes: string[]; perClass: number[] } | null;
  shift: { key: string; result: ShiftResult } | null;
  job: { kind: LabJob; done: number; total: number } | null;
  error: { job: LabJob; message: string } | null;
  /** Also draw the curve of a probe started from (and pulled towards) the zero-shot weights. */
  bothCurves: boolean;
  trainDomain: string | null;
  /** The confusion-matrix cell whose images are shown. */
  cell: { truth: string; predicted: string } | null;
  setBothCurves: (on: boolean) => void;
  setTrainDomain: (domain: string) => void;
  setCell: (cell: { truth: string; predicted: string } | null) => void;
  comparePrompts: (key: string, rows: readonly EvalRow[], labels: LabelEmbeddings, template: string) => Promise<void>;
  drawCurve: (key: string, rows: readonly EvalRow[], labels: LabelEmbeddings) => Promise<void>;
  runShift: (key: string, rows: readonly EvalRow[], labels: LabelEmbeddings, trainDomain: string, domainOf: (row: EvalRow) => string) => Promise<void>;
  cancel: () => void;
}

let controller: AbortController | null = null;

function begin(kind: LabJob, set: (partial: Partial<LabState>) => void): AbortController {
  controller?.abort();
  const mine = new AbortController();
  controller = mine;
  set({ job: { kind, done: 0, total: 1 }, error: null });
  return mine;
}

export const useLabStore = create<LabState>((set, get) => {
  const progress = (mine: AbortController, kind: LabJob) => (done: number, total: number) => {
    if (controller === mine) set({ job: { kind, done, total } });
  };
  const fail = (mine: AbortController, kind: LabJob, error: unknown) => {
    if (controller !== mine) return;
    controller = null;
    set({ job: null, error: isCancelled(error) ? null : { job: kind, message: ClipError.from(error).message } });
  };
  const finish = (mine: AbortController, result: Partial<LabState>) => {
    if (controller !== mine) return false;
    controller = null;
    set({ ...result, job: null });
    return true;
  };

  return {
    prompts: null,
    curve: null,
    shift: null,
    job: null,
    error: null,
    bothCurves: false,
    trainDomain: null,
    cell: null,
    setBothCurves: (bothCurves) => set({ bothCurves }),
    setTrainDomain: (trainDomain) => set({ trainDomain }),
    setCell: (cell) => set({ cell }),

    async comparePrompts(key, rows, labels, template) {
      const mine = begin('prompts', set);
      try {
        const strategies = promptStrategies(template);
        const total = strategies.reduce((n, s) => n + strategyPrompts(s, labels.labels).length, 0);
        const results: PromptResult[] = [];
        let done = 0;
        for (const strategy of strategies) {
          const prompts = strategyPrompts(strategy, labels.labels);
          const encoded = await clipClient.encodeTexts(prompts, { signal: mine.signal, onProgress: (d) => progress(mine, 'prompts')(done + d, total) });
          done += prompts.length;
          // Another model answered meanwhile: these embeddings do not compare with the images'.
          if (encoded.generation !== labels.generation) throw new ClipError({ kind: 'cancelled', message: 'The model changed' });
          const embeddings = strategyEmbeddings(strategy, encoded.embeddings, labels.labels.length, encoded.dim);
          const predicted = predictions(rows.map((r) => r.embedding), embeddings, labels.labels.length, encoded.dim);
          const correct = rows.filter((r, i) => labels.labels[predicted[i]!] === r.truth).length;
          results.push({ strategy, prompts: prompts.length, correct, total: rows.length });
        }
        finish(mine, { prompts: { key, results } });
      } catch (error) {
        fail(mine, 'prompts', error);
      }
    },

    async drawCurve(key, rows, labels) {
      const mine = begin('curve', set);
      try {
        const built = buildProbeInput(rows.map((r) => ({ embedding: r.embedding, label: r.truth })), labels);
        const starts: ProbeStart[] = get().bothCurves ? ['zero', 'zero-shot'] : ['zero'];
        const curves: KShotCurve[] = [];
        for (const [i, start] of starts.entries()) {
          curves.push(
            await probeClient.kShot(built.input, built.zeroShotPredictions, { start, splits: CURVE_SPLITS }, {
              signal: mine.signal,
              // Both curves share one bar: each is half of it.
              onProgress: (done, total) => progress(mine, 'curve')(i * total + done, starts.length * total),
            }),
          );
        }
        finish(mine, { curve: { key, curves, classes: built.input.classes, perClass: built.perClass } });
      } catch (error) {
        fail(mine, 'curve', error);
      }
    },

    async runShift(key, rows, labels, trainDomain, domainOf) {
      const mine = begin('shift', set);
      try {
        const built = buildProbeInput(rows.map((r) => ({ embedding: r.embedding, label: r.truth })), labels);
        const domains = rows.filter((r) => built.input.classes.includes(r.truth)).map(domainOf);
        const result = await probeClient.shift(built.input, domains, trainDomain, { signal: mine.signal, onProgress: progress(mine, 'shift') });
        finish(mine, { shift: { key, result } });
      } catch (error) {
        fail(mine, 'shift', error);
      }
    },

    cancel() {
      controller?.abort();
      controller = null;
      set({ job: null });
    },
  };
});
