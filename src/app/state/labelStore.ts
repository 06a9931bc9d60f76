/**
 * The labels: what the user is editing (labels, template, preset, ensemble), "My labels" kept
 * aside while a preset replaces them, an undo history, and the label embeddings, stamped with
 * the model generation and the setup they were made from.
 *
 * The store only encodes when told to (`encode`); the coordinator decides when (after typing
 * pauses, at once after a preset, when a model becomes ready). Cancel stops the encode in the
 * worker and puts the setup back to the one the results were made from, so the controls, the
 * URL and the results always agree.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ClipError } from '../../../workers/errors';
import { averageEmbeddings, ENSEMBLE_TEMPLATES, ensemblePrompts, presetById } from '../../clip';
import { applyTemplate, parseLabels, withinLimits } from '../labels/labels';
import type { ClipClient } from '../worker/clipClient';

export interface LabelSetup {
  labelsText: string;
  template: string;
  /** The preset the labels came from, until they are edited. */
  preset: string | null;
  ensemble: boolean;
}

export interface LabelEmbeddings {
  labels: string[];
  /** L2-normalised, one row per label (the ensemble average when ensembling). */
  embeddings: Float32Array;
  dim: number;
  truncated: boolean[];
  /** Scores are softmax(logitScale × cosine): the model's, from the catalog. */
  logitScale: number;
  /** The model generation that made the embeddings. */
  generation: number;
  /** `setupKey` of the setup they were made from. */
  key: string;
  setup: LabelSetup;
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

/** What the coordinator needs to know about the model to encode for it. */
export interface EncodeTarget {
  generation: number;
  logitScale: number;
}

export interface LabelState extends LabelSetup {
  /** The user's own labels while a preset replaced them (restorable as "My labels"). */
  myLabels: string | null;
  /** Setups before each preset, restore or undoable change, newest last. */
  history: LabelSetup[];
  /** What kind of edit came last: typing waits for a pause before encoding, the rest does not. */
  lastEdit: 'typing' | 'discrete';
  encoded: LabelEmbeddings | null;
  encoding: { key: string; generation: number; progress: EncodeProgress } | null;
  summary: EncodeSummary | null;
  error: string | null;
  /** The last encode that was cancelled or failed: not started again until the setup or model changes. */
  stopped: { key: string; generation: number } | null;
  setLabelsText: (text: string) => void;
  setTemplate: (template: string) => void;
  setEnsemble: (on: boolean) => void;
  applyPreset: (id: string) => void;
  restoreMyLabels: () => void;
  undo: () => void;
  /** Labels chosen by the app (a model's defaults): not an edit, not undoable. */
  setDefaultLabels: (labels: readonly string[]) => void;
  encode: (target: EncodeTarget) => Promise<void>;
  /** Cancel, as the user's Cancel button: stop the encode and go back to the setup the results show. */
  cancel: () => void;
  /** Stop an encode whose setup is no longer the one shown, leaving the setup alone. */
  abandon: () => void;
}

/** What the embeddings depend on: the labels as parsed, and the template or the ensemble. */
export function setupKey(setup: Pick<LabelSetup, 'labelsText' | 'template' | 'ensemble'>): string {
  return JSON.stringify([parseLabels(setup.labelsText), setup.ensemble ? null : setup.template.trim()]);
}

export function pickSetup(state: LabelSetup): LabelSetup {
  return { labelsText: state.labelsText, template: state.template, preset: state.preset, ensemble: state.ensemble };
}

/** Whether the labels are a preset's, unedited. */
function isPresetText(labelsText: string, presetId: string | null): boolean {
  const preset = presetId ? presetById(presetId) : undefined;
  if (!preset) return false;
  const a = parseLabels(labelsText);
  const b = parseLabels(preset.labels.join('\n'));
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

const MAX_HISTORY = 20;

export interface LabelStoreDeps {
  client: ClipClient;
  initial: LabelSetup;
  now?: () => number;
}

export function createLabelStore({ client, initial, now = () => performance.now() }: LabelStoreDeps): StoreApi<LabelState> {
  let controller: AbortController | null = null;

  return createStore<LabelState>((set, get) => {
    /** Remembers the current setup for undo, then applies a discrete change. */
    const change = (next: Partial<LabelSetup> & { myLabels?: string | null }) => {
      const history = [...get().history, pickSetup(get())].slice(-MAX_HISTORY);
      set({ ...next, history, lastEdit: 'discrete' });
    };

    return {
      ...initial,
      myLabels: null,
      history: [],
      lastEdit: 'discrete',
      encoded: null,
      encoding: null,
      summary: null,
      error: null,
      stopped: null,
      setLabelsText(labelsText) {
        set({ labelsText, preset: isPresetText(labelsText, get().preset) ? get().preset : null, lastEdit: 'typing' });
      },
      setTemplate(template) {
        set({ template, lastEdit: 'typing' });
      },
      setEnsemble(ensemble) {
        change({ ensemble });
      },
      applyPreset(id) {
        const preset = presetById(id);
        if (!preset || id === get().preset) return;
        const { labelsText, preset: current, myLabels } = get();
        // The user's own labels are kept aside once; switching between presets keeps them.
        const own = current === null && !isPresetText(labelsText, current) && parseLabels(labelsText).length > 0 ? labelsText : myLabels;
        change({ labelsText: preset.labels.join('\n'), preset: id, myLabels: own });
      },
      restoreMyLabels() {
        const own = get().myLabels;
        if (own === null) return;
        change({ labelsText: own, preset: null, myLabels: null });
      },
      undo() {
        const history = get().history;
        const previous = history[history.length - 1];
        if (!previous) return;
        set({ ...previous, history: history.slice(0, -1), lastEdit: 'discrete' });
      },
      setDefaultLabels(labels) {
        set({ labelsText: labels.join('\n'), preset: null, lastEdit: 'discrete' });
      },
      cancel() {
        const encoding = get().encoding;
        if (!encoding) return;
        controller?.abort();
        controller = null;
        const encoded = get().encoded;
        // Back to the setup the results show (if any), so controls, URL and results agree again.
        const revert = encoded ? pickSetup(encoded.setup) : {};
        set({
          ...revert,
          encoding: null,
          stopped: { key: encoding.key, generation: encoding.generation },
          lastEdit: 'discrete',
          error: encoded ? 'Encoding cancelled: the labels are back to the ones the results show.' : 'Encoding cancelled: no results until the labels are encoded.',
        });
      },
      abandon() {
        controller?.abort();
        controller = null;
        if (get().encoding) set({ encoding: null });
      },
      async encode(target) {
        const setup = pickSetup(get());
        const key = setupKey(setup);
        // At most MAX_LABELS labels of MAX_LABEL_LENGTH characters and a MAX_TEMPLATE_LENGTH
        // template are encoded; the label editor says what was left out.
        const { labels, template } = withinLimits(parseLabels(setup.labelsText), setup.template);
        controller?.abort();
        const mine = new AbortController();
        controller = mine;
        const templates = setup.ensemble ? ENSEMBLE_TEMPLATES : [template];
        const prompts = setup.ensemble ? ensemblePrompts(labels, templates) : labels.map((label) => applyTemplate(template, label));
        const started = now();
        set({ encoding: { key, generation: target.generation, progress: { done: 0, total: prompts.length } }, error: null });
        try {
          // One call for the whole set: the worker batches all prompts by length (less padding).
          const result = await client.encodeTexts(prompts, {
            signal: mine.signal,
            onProgress: (done, total) => {
              const encoding = get().encoding;
              if (controller === mine && encoding) set({ encoding: { ...encoding, progress: { done, total } } });
            },
          });
          if (controller !== mine) return;
          const dim = result.dim;
          const embeddings = setup.ensemble ? averageEmbeddings(result.embeddings, labels.length, templates.length, dim) : result.embeddings;
          // A label counts as truncated when any of its prompts was.
          const truncated = labels.map((_, i) => result.truncated.slice(i * templates.length, (i + 1) * templates.length).some(Boolean));
          set({
            encoded: { labels, embeddings, dim, truncated, logitScale: target.logitScale, generation: result.generation, key, setup },
            encoding: null,
            error: null,
            stopped: null,
            summary: {
              prompts: prompts.length,
              encoded: result.encodedCount,
              // Whatever was not encoded now came from the worker's memory or the browser's IndexedDB.
              fromBrowserCache: prompts.length - result.encodedCount,
              ms: Math.round(now() - started),
            },
          });
        } catch (error) {
          if (controller !== mine) return; // replaced by a newer encode, or cancelled (cancel() set the state)
          controller = null;
          set({ encoding: null, error: ClipError.from(error).message, stopped: { key, generation: target.generation } });
        } finally {
          if (controller === mine) controller = null;
        }
      },
    };
  });
}
