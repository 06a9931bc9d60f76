/**
 * "Classify this embedding with the current probe", for any part of the page that has an embedding
 * of the model in use (the gallery's cards, the live camera, the drawing pad): the probe in use if
 * it applies to the model in use, else null (a stale probe is never applied).
 */
import { appState, useProbeStore } from './index';
import { probeMismatch, probeScores, type Probe } from './probe';
import { modelInfoOf, useModelInfo } from './useModelInfo';
import type { LabelScore } from '../gallery/scores';

/** The probe to apply now, or null; re-renders when the probe or the model changes. */
export function useCurrentProbe(): Probe | null {
  const probe = useProbeStore((s) => s.probe);
  const model = useModelInfo();
  return probe && !probeMismatch(probe, model) ? probe : null;
}

/** The current probe's top-k classes for an embedding of the model in use, or null when no probe applies. */
export function currentProbeScores(embedding: ArrayLike<number>, k = 5): { scores: LabelScore[]; probe: Probe } | null {
  const probe = appState.probe.getState().probe;
  if (!probe || probeMismatch(probe, modelInfoOf(appState.model.getState().active)) || embedding.length !== probe.dim) return null;
  return { scores: probeScores(probe, embedding, k), probe };
}
