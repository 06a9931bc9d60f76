/**
 * The linear probe the app applies (to the gallery, the live camera and, through `probeScores`,
 * anything else that has an embedding), the labelled camera frames recorded to train it, and the
 * training in progress (in the probe worker: progress, Cancel).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ClipError, isCancelled } from '../../../workers/errors';
import type { ProbeInput, ProbeStart } from '../../clip/probe';
import type { ProbeClient } from '../worker/probeClient';
import type { Probe } from './probe';

/** A camera frame recorded "as" a class: its embedding is kept, the picture is not. */
export interface CameraExample {
  label: string;
  embedding: Float32Array;
  modelId: string;
  dim: number;
}

/** Recording stops adding frames of a class beyond this (a hold of ~10 s at ~10 fps). */
export const MAX_EXAMPLES_PER_CLASS = 100;

export interface TrainRequest {
  input: ProbeInput;
  start: ProbeStart;
  modelId: string;
  trainedOn: Probe['trainedOn'];
}

export interface ProbeState {
  probe: Probe | null;
  examples: CameraExample[];
  training: { done: number; total: number } | null;
  error: string | null;
  train: (request: TrainRequest) => Promise<Probe | null>;
  cancel: () => void;
  setProbe: (probe: Probe | null) => void;
  /** Adds a recorded frame; false when the class already has MAX_EXAMPLES_PER_CLASS. */
  addExample: (example: CameraExample) => boolean;
  clearExamples: (label?: string) => void;
  dismissError: () => void;
}

export function createProbeStore({ client }: { client: () => ProbeClient }): StoreApi<ProbeState> {
  let controller: AbortController | null = null;
  return createStore<ProbeState>((set, get) => ({
    probe: null,
    examples: [],
    training: null,
    error: null,
    async train({ input, start, modelId, trainedOn }) {
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      set({ training: { done: 0, total: 1 }, error: null });
      try {
        const trained = await client().train(input, start, {
          signal: mine.signal,
          onProgress: (done, total) => {
            if (controller === mine) set({ training: { done, total } });
          },
        });
        if (controller !== mine) return null;
        const probe: Probe = {
          classes: trained.classes,
          dim: trained.dim,
          weights: Float32Array.from(trained.weights),
          intercepts: Float32Array.from(trained.intercepts),
          modelId,
          c: trained.c,
          start,
          examples: trained.examples,
          sweep: trained.sweep,
          source: 'trained',
          trainedOn,
        };
        set({ probe, training: null });
        return probe;
      } catch (error) {
        if (controller !== mine) return null;
        set({ training: null, error: isCancelled(error) ? 'Training cancelled: the previous probe (if any) is kept.' : ClipError.from(error).message });
        return null;
      } finally {
        if (controller === mine) controller = null;
      }
    },
    cancel() {
      if (!controller) return;
      controller.abort();
      controller = null;
      set({ training: null, error: 'Training cancelled: the previous probe (if any) is kept.' });
    },
    setProbe(probe) {
      set({ probe, error: null });
    },
    addExample(example) {
      const count = get().examples.filter((e) => e.label === example.label).length;
      if (count >= MAX_EXAMPLES_PER_CLASS) return false;
      set((s) => ({ examples: [...s.examples, example] }));
      return true;
    },
    clearExamples(label) {
      set((s) => ({ examples: label === undefined ? [] : s.examples.filter((e) => e.label !== label) }));
    },
    dismissError() {
      set({ error: null });
    },
  }));
}
