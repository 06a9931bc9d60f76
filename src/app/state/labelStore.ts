/** The labels and prompt template the user typed, and their text embeddings from the worker. */
import { create } from 'zustand';
import { clipWorker } from '../worker/clipWorker';
import { applyTemplate, DEFAULT_TEMPLATE, parseLabels } from './labels';

export interface LabelEmbeddings {
  labels: string[];
  prompts: string[];
  /** L2-normalised, one row per label. */
  embeddings: Float32Array;
  dim: number;
  truncated: boolean[];
}

interface LabelState {
  labelsText: string;
  template: string;
  encoded: LabelEmbeddings | null;
  encoding: boolean;
  error: string | null;
  setLabelsText(text: string): void;
  setTemplate(template: string): void;
  /** Encode the current labels (only new prompts reach the model: the worker caches by text). */
  encode(): Promise<void>;
}

let requestId = 0;

export const useLabelStore = create<LabelState>((set, get) => ({
  labelsText: '',
  template: DEFAULT_TEMPLATE,
  encoded: null,
  encoding: false,
  error: null,
  setLabelsText: (labelsText) => set({ labelsText }),
  setTemplate: (template) => set({ template }),
  async encode() {
    const id = ++requestId;
    const labels = parseLabels(get().labelsText);
    const prompts = labels.map((label) => applyTemplate(get().template, label));
    if (labels.length === 0) {
      set({ encoded: null, encoding: false, error: null });
      return;
    }
    set({ encoding: true });
    try {
      const result = await clipWorker().encodeTexts(prompts);
      if (id !== requestId) return;
      set({ encoded: { labels, prompts, embeddings: result.embeddings, dim: result.dim, truncated: result.truncated }, encoding: false, error: null });
    } catch (error) {
      if (id !== requestId) return;
      set({ encoding: false, error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
