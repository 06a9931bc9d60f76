/**
 * The labels and prompt template the user typed (or a preset), prompt ensembling, and the label
 * embeddings from the worker. A large label set goes to the worker in one call, which reports
 * progress and can be cancelled.
 */
import { proxy } from 'comlink';
import { create } from 'zustand';
import { averageEmbeddings, ENSEMBLE_TEMPLATES, ensemblePrompts, logitScaleOf, presetById } from '../../clip';
import { clipWorker } from '../worker/clipWorker';
import { applyTemplate, DEFAULT_TEMPLATE, parseLabels } from './labels';
import { useModelStore } from './modelStore';
import { readSetup, resolveLabels } from './urlState';

export interface LabelEmbeddings {
  labels: string[];
  /** L2-normalised, one row per label (the ensemble average when ensembling). */
  embeddings: Float32Array;
  dim: number;
  truncated: boolean[];
  /** Scores are softmax(logitScale × cosine): the model's, from the catalog. */
  logitScale: number;
}

export interface EncodeProgress {
  done: number;
  total: number;
}

/** Where the prompt embeddings of the last encode came from, to show the cache at work. */
export interface EncodeSummary {
  prompts: number;
  encoded: number;
  fromBrowserCache: number;
  ms: number;
}

interface LabelState {
  labelsText: string;
  template: string;
  /** The preset the labels came from, until they are edited. */
  preset: string | null;
  ensemble: boolean;
  encoded: LabelEmbeddings | null;
  encoding: boolean;
  progress: EncodeProgress | null;
  summary: EncodeSummary | null;
  error: string | null;
  setLabelsText(text: string): void;
  setTemplate(template: string): void;
  setEnsemble(on: boolean): void;
  applyPreset(id: string): void;
  /** Encode the current labels (only new prompts reach the model: the worker caches by text). */
  encode(): Promise<void>;
  cancel(): void;
}

/** The worker channel of label encodes: a new encode or Cancel stops the one in progress. */
const LABELS_CHANNEL = 'labels';

let requestId = 0;

function initialState() {
  const setup = readSetup(new URLSearchParams(location.search));
  const labels = resolveLabels(setup);
  return {
    labelsText: labels ? labels.join('\n') : '',
    template: setup.template ?? DEFAULT_TEMPLATE,
    preset: setup.preset && presetById(setup.preset) && !setup.labels ? setup.preset : null,
    ensemble: setup.ensemble,
  };
}

export const useLabelStore = create<LabelState>((set, get) => ({
  ...initialState(),
  encoded: null,
  encoding: false,
  progress: null,
  summary: null,
  error: null,
  setLabelsText: (labelsText) => {
    const preset = get().preset ? presetById(get().preset!) : undefined;
    const stillPreset = preset && labelsText === preset.labels.join('\n');
    set({ labelsText, preset: stillPreset ? preset.id : null });
  },
  setTemplate: (template) => set({ template }),
  setEnsemble: (ensemble) => set({ ensemble }),
  applyPreset(id) {
    const preset = presetById(id);
    if (preset) set({ labelsText: preset.labels.join('\n'), preset: id });
  },
  cancel() {
    requestId++;
    clipWorker().cancelTexts(LABELS_CHANNEL);
    set({ encoding: false, progress: null, error: 'Encoding cancelled: the results show the previous labels.' });
  },
  async encode() {
    const id = ++requestId;
    const { labelsText, template, ensemble } = get();
    const labels = parseLabels(labelsText);
    if (labels.length === 0) {
      set({ encoded: null, encoding: false, progress: null, error: null });
      return;
    }
    const templates = ensemble ? ENSEMBLE_TEMPLATES : [template];
    const prompts = ensemble ? ensemblePrompts(labels, templates) : labels.map((label) => applyTemplate(template, label));
    const started = performance.now();
    set({ encoding: true, progress: { done: 0, total: prompts.length }, error: null });
    try {
      // One call for the whole set: the worker batches all prompts by length (less padding).
      const onProgress = proxy((done: number, total: number) => {
        if (id === requestId) set({ progress: { done, total } });
      });
      const result = await clipWorker().encodeTexts(prompts, onProgress, LABELS_CHANNEL);
      if (id !== requestId) return;
      const { dim, truncated } = result;
      const embeddings = ensemble ? averageEmbeddings(result.embeddings, labels.length, templates.length, dim) : result.embeddings;
      // A label counts as truncated when any of its prompts was.
      const labelTruncated = labels.map((_, i) => truncated.slice(i * templates.length, (i + 1) * templates.length).some(Boolean));
      const summary = {
        prompts: prompts.length,
        encoded: result.encodedCount,
        // Whatever was not encoded now came from the worker's memory or the browser's IndexedDB.
        fromBrowserCache: prompts.length - result.encodedCount,
        ms: Math.round(performance.now() - started),
      };
      set({ encoded: { labels, embeddings, dim, truncated: labelTruncated, logitScale: logitScaleOf(useModelStore.getState().source.id) }, encoding: false, progress: null, error: null, summary });
    } catch (error) {
      if (id !== requestId) return;
      set({ encoding: false, progress: null, error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
