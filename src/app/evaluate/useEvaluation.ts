/** The evaluation set of the moment (gallery × labels × model in use), memoised, with a key that changes when any input does. */
import { useMemo } from 'react';
import { useGalleryStore, useLabelStore, useModelStore } from '../state';
import type { LabelEmbeddings } from '../state/labelStore';
import { evaluationSet, type EvaluationSet } from './evaluationSet';

export interface Evaluation extends EvaluationSet {
  labels: LabelEmbeddings | null;
  generation: number | null;
  /** Changes whenever the rows, their truths, the labels or the model change. */
  key: string;
}

export function useEvaluation(): Evaluation {
  const items = useGalleryStore((s) => s.items);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  const labels = useLabelStore((s) => (s.encoded && s.encoded.generation === generation ? s.encoded : null));
  return useMemo(() => {
    const set = evaluationSet(items, labels, generation);
    const key = `${generation}|${labels?.key ?? ''}|${set.rows.map((r) => `${r.id}:${r.truth}:${r.domain ?? ''}`).join(',')}`;
    return { ...set, labels, generation, key };
  }, [items, labels, generation]);
}
