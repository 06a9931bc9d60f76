/**
 * The one place where an image embedding becomes ranked labels for the live drawing: zero-shot
 * against the current labels, or the linear probe where one applies to the model in use. Both
 * return the same `LabelScore[]`, so nothing else in the drawing pad knows which one it shows.
 */
import { useCallback } from 'react';
import type { LiveMode } from '../components/LiveModeSwitch';
import { comparable, rankLabels, type LabelScore } from '../gallery/scores';
import { useLabelStore, useModelStore } from '../state';
import { useCurrentProbe } from '../state/currentProbe';
import { probeScores } from '../state/probe';

/** An embedding with the model generation that made it. */
export interface EmbeddedFrame {
  embedding: Float32Array;
  generation: number;
}

/** Ranked labels (best first) for a frame, or null when it cannot be scored with the labels and model in use. */
export type EmbeddingScorer = (frame: EmbeddedFrame) => LabelScore[] | null;

/** Zero-shot: softmax over logitScale × cosine with the encoded labels, only within one generation. */
export function useLabelScorer(k = 5): EmbeddingScorer {
  const labels = useLabelStore((s) => s.encoded);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  return useCallback((frame) => (comparable(frame, labels, generation) ? rankLabels(frame.embedding, labels, k) : null), [labels, generation, k]);
}

/**
 * The scorer for `mode`: the probe's classes when the probe is chosen and applies to the model in
 * use (frames of an older generation are not scored), else zero-shot. `probe` says which one
 * scores; `probeReady` whether a probe applies at all.
 */
export function useDrawingScorer(mode: LiveMode, k = 5): { score: EmbeddingScorer; probe: boolean; probeReady: boolean } {
  const zeroShot = useLabelScorer(k);
  const probe = useCurrentProbe();
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  const byProbe = useCallback<EmbeddingScorer>(
    (frame) => (probe && frame.generation === generation && frame.embedding.length === probe.dim ? probeScores(probe, frame.embedding, k) : null),
    [probe, generation, k],
  );
  return mode === 'probe' && probe ? { score: byProbe, probe: true, probeReady: true } : { score: zeroShot, probe: false, probeReady: probe !== null };
}
