/**
 * What the insights views remember while the user looks elsewhere: the open sub-tab, the matrix's
 * value mode, and the last text search (its embedding comes from the worker, never the page).
 */
import { create } from 'zustand';
import { clipClient } from '../state';
import type { MatrixMode } from './matrix';

export type InsightsTab = 'matrix' | 'search' | 'map';

export interface SearchQuery {
  text: string;
  /** L2-normalised text embedding of `text`, exactly as typed (no prompt template). */
  embedding: Float32Array;
  /** The text was longer than the model's context and was cut. */
  truncated: boolean;
  /** The model generation that encoded it (embeddings of another model do not compare). */
  generation: number;
}

interface InsightsState {
  tab: InsightsTab;
  setTab: (tab: InsightsTab) => void;
  mode: MatrixMode;
  setMode: (mode: MatrixMode) => void;
  query: SearchQuery | null;
  searching: boolean;
  searchError: string | null;
  /** Encode `text` in the worker; the newest call wins. */
  search: (text: string) => Promise<void>;
  clearSearch: () => void;
}

let requestId = 0;

export const useInsightsStore = create<InsightsState>((set) => ({
  tab: 'matrix',
  setTab: (tab) => set({ tab }),
  mode: 'cosine',
  setMode: (mode) => set({ mode }),
  query: null,
  searching: false,
  searchError: null,
  async search(text) {
    const id = ++requestId;
    const trimmed = text.trim();
    if (!trimmed) {
      set({ query: null, searching: false, searchError: null });
      return;
    }
    set({ searching: true, searchError: null });
    try {
      const result = await clipClient.encodeTexts([trimmed]);
      if (id !== requestId) return;
      set({
        query: { text: trimmed, embedding: result.embeddings.slice(0, result.dim), truncated: result.truncated[0] ?? false, generation: result.generation },
        searching: false,
      });
    } catch (error) {
      if (id !== requestId) return;
      set({ searching: false, searchError: error instanceof Error ? error.message : String(error) });
    }
  },
  clearSearch() {
    requestId++;
    set({ query: null, searching: false, searchError: null });
  },
}));
