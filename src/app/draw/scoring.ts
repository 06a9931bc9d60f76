/**
 * The one place where an image embedding becomes ranked labels for the live drawing: zero-shot
 * against the current labels today. This is the seam for the linear probe: a scorer that uses the
 * probe where one was trained for these labels and this model returns the same `LabelScore[]`,
 * and nothing else in the drawing pad changes.
 */
import { useCallback } from 'react';
import { comparable, rankLabels, type LabelScore } from '../gallery/scores';
import { useLabelStore, useModelStore } from '../state';

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
