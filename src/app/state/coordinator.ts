/**
 * The rules between the stores, in one place (no React): when a model becomes the one in use,
 * the gallery is re-embedded with it, the labels are encoded for it, and a new model gets its
 * default labels unless the user has their own; when the labels change, they are encoded again
 * (after a pause in typing, at once after any other change).
 *
 * The invariant it keeps: every image and the labels end up embedded by the model in use, and
 * scores only ever combine embeddings of that one generation (see `src/app/gallery/scores.ts`).
 */
import { logitScaleOf } from '../../clip';
import { defaultLabels } from '../labels/defaultLabels';
import type { AppState } from './appState';
import { isInputError, type GalleryItem } from './galleryStore';
import { setupKey } from './labelStore';
import { listenToWorker } from './workerEvents';

/** Typing is not interrupted by an encode per keystroke. */
export const LABEL_DEBOUNCE_MS = 250;

export interface CoordinatorOptions {
  debounceMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** An image to (re-)embed: settled, not broken by itself, and made by an older model (or none). */
export function needsEmbedding(item: GalleryItem, generation: number): boolean {
  if (item.status === 'pending' || isInputError(item)) return false;
  return item.generation === undefined || item.generation < generation;
}

export function startCoordinator(state: AppState, options: CoordinatorOptions = {}): () => void {
  const { model, labels, gallery } = state;
  const debounceMs = options.debounceMs ?? LABEL_DEBOUNCE_MS;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  /** The model id whose defaults the labels were last set to (or would have been). */
  let defaultsOf = model.getState().active?.request.source.id ?? state.initialModelId;

  const encodeLabelsIfStale = () => {
    const active = model.getState().active;
    if (!active) return;
    const generation = active.model.generation;
    const s = labels.getState();
    const key = setupKey(s);
    // Embeddings newer than the model the page knows come from a backend change the page is about
    // to hear of: not stale.
    const matches = (x: { key: string; generation: number } | null) => x !== null && x.key === key && x.generation >= generation;
    if (matches(s.encoded) || matches(s.encoding)) return;
    if (matches(s.stopped)) {
      // Back to a setup whose encode the user cancelled: an encode of another setup in flight is
      // for labels no longer shown.
      if (s.encoding) s.abandon();
      return;
    }
    void s.encode({ generation, logitScale: logitScaleOf(active.model.source.id) });
  };

  const embedImagesIfStale = () => {
    const active = model.getState().active;
    if (!active) return;
    const stale = gallery.getState().items.filter((item) => needsEmbedding(item, active.model.generation));
    if (stale.length > 0) void gallery.getState().embed(stale.map((item) => item.id));
  };

  const scheduleLabels = (delay: number) => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (delay <= 0) {
      encodeLabelsIfStale();
      return;
    }
    timer = setTimer(() => {
      timer = null;
      encodeLabelsIfStale();
    }, delay);
  };

  const unsubscribeModel = model.subscribe((now, before) => {
    const active = now.active;
    if (!active || active.model.generation === before.active?.model.generation) return;
    // A new model gets its default labels, unless the user typed or chose their own.
    const id = active.request.source.id;
    if (id !== defaultsOf) {
      const current = labels.getState().labelsText;
      if (current.trim() === '' || current === defaultLabels(defaultsOf).join('\n')) labels.getState().setDefaultLabels(defaultLabels(id));
      defaultsOf = id;
    }
    embedImagesIfStale();
    scheduleLabels(0);
  });

  const unsubscribeLabels = labels.subscribe((now, before) => {
    if (setupKey(now) !== setupKey(before)) scheduleLabels(now.lastEdit === 'typing' ? debounceMs : 0);
    // An encode that finished for a model that has been replaced meanwhile is done again.
    else if (now.encoded !== before.encoded && timer === null) encodeLabelsIfStale();
  });

  const unsubscribeGallery = gallery.subscribe((now, before) => {
    if (now.items !== before.items) embedImagesIfStale();
  });

  return () => {
    if (timer !== null) clearTimer(timer);
    unsubscribeModel();
    unsubscribeLabels();
    unsubscribeGallery();
  };
}

export interface StartOptions extends CoordinatorOptions {
  /** The first model load; by default the URL's model, as asked (the app's is in startModel.ts). */
  firstLoad?: (state: AppState) => Promise<void>;
}

/** Starts the app's own life: the coordinator, the worker's events, then the first model load. */
export function startAppState(state: AppState, { firstLoad = (s) => s.model.getState().load(), ...options }: StartOptions = {}): () => void {
  const stop = startCoordinator(state, options);
  const stopEvents = listenToWorker(state);
  void firstLoad(state);
  return () => {
    stopEvents();
    stop();
  };
}
