/** The model in use as the probe sees it (id and embedding size), or null before one is ready. */
import { useMemo } from 'react';
import { useModelStore } from './index';
import type { ActiveModelInfo } from './probe';

export function useModelInfo(): ActiveModelInfo | null {
  // Two selectors of plain values: a selector returning a new object would re-render forever.
  const id = useModelStore((s) => s.active?.model.source.id ?? null);
  const dim = useModelStore((s) => s.active?.model.embeddingDim ?? null);
  return useMemo(() => (id !== null && dim !== null ? { id, dim } : null), [id, dim]);
}

/** The same, read once (outside React). */
export function modelInfoOf(active: { model: { source: { id: string }; embeddingDim: number } } | null): ActiveModelInfo | null {
  return active ? { id: active.model.source.id, dim: active.model.embeddingDim } : null;
}
