/**
 * The model: the one in use, a load in progress with per-file progress, and the last load that
 * failed. A switch keeps the model in use until the new one is ready (the worker does the same),
 * so a failed or cancelled switch changes nothing but a message: "still using X".
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FileProgress, LoadedModel, LoadRequest } from '../../../workers/api';
import { ClipError, type ClipErrorData } from '../../../workers/errors';
import type { ModelSource } from '../../clip/modelSource';
import type { ClipClient } from '../worker/clipClient';

export interface PendingLoad {
  /** As asked (the URL and share links keep this one). */
  request: LoadRequest;
  startedAt: number;
  progress: Record<string, FileProgress>;
}

export interface ActiveModel {
  /** As asked: the source before any same-origin substitution, the backend and precision choices. */
  request: LoadRequest;
  /** What the worker loaded, with its generation. */
  model: LoadedModel;
}

export interface LoadFailure {
  request: LoadRequest;
  error: ClipErrorData;
}

/**
 * The worker behind the model: running; restarting after it died (the client loads the model in
 * use again and sends the waiting calls again); or stopped after dying too often (Retry).
 */
export type WorkerHealth = { state: 'running' } | { state: 'restarting'; message: string } | { state: 'failed'; message: string };

export interface ModelState {
  active: ActiveModel | null;
  pending: PendingLoad | null;
  failure: LoadFailure | null;
  /** Backend changes and restarts the user should know about (WebGPU failed, WASM took over). */
  notice: string | null;
  worker: WorkerHealth;
  /** Loads started so far: a choice made in a picker before the latest load is out of date. */
  loadCount: number;
  /**
   * Load a model. Omitted parts of the request keep the active model's (or, before any model,
   * the URL's). A newer load replaces one in progress.
   */
  load: (request?: Partial<LoadRequest>) => Promise<void>;
  /** Load again what failed last. */
  retry: () => Promise<void>;
  /** Stop the load in progress. */
  cancel: () => void;
  dismissFailure: () => void;
  /** The worker moved the model elsewhere (a lost GPU): a new generation. */
  modelChanged: (model: LoadedModel, message: string) => void;
  /** The worker died and a new one is starting. */
  workerRestarting: (message: string) => void;
  /** The new worker runs `model` (the same generation when nothing changed; null: none was loaded). */
  workerRestarted: (model: LoadedModel | null, message: string) => void;
  /** The worker died too often: nothing runs until `restartWorker`. */
  workerFailed: (message: string) => void;
  /** Retry after `workerFailed`. */
  restartWorker: () => void;
}

export interface ModelStoreDeps {
  client: ClipClient;
  /** What the URL asks for: the first load's request. */
  initial: LoadRequest;
  /** The source to actually load from (e.g. a same-origin copy of a hub model); identity by default. */
  resolveSource?: (source: ModelSource) => Promise<ModelSource>;
  now?: () => number;
}

/** The status the UI shows, from the state. */
export type ModelStatus = 'idle' | 'loading' | 'restarting' | 'stopped' | 'ready' | 'error';

export function modelStatus(state: Pick<ModelState, 'active' | 'pending' | 'failure' | 'worker'>): ModelStatus {
  if (state.worker.state === 'failed') return 'stopped';
  if (state.worker.state === 'restarting') return 'restarting';
  if (state.pending) return 'loading';
  if (state.active) return 'ready';
  return state.failure ? 'error' : 'idle';
}

/** The request the current choices stand for: the pending one, else the active one, else the URL's. */
export function currentRequest(state: Pick<ModelState, 'active' | 'pending'>, initial: LoadRequest): LoadRequest {
  return state.pending?.request ?? state.active?.request ?? initial;
}

export function createModelStore({ client, initial, resolveSource = (s) => Promise.resolve(s), now = () => performance.now() }: ModelStoreDeps): StoreApi<ModelState> {
  let controller: AbortController | null = null;

  return createStore<ModelState>((set, get) => ({
    active: null,
    pending: null,
    failure: null,
    notice: null,
    worker: { state: 'running' },
    loadCount: 0,
    async load(changes = {}) {
      const base = get().active?.request ?? initial;
      const request: LoadRequest = { ...base, ...changes };
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      set((state) => ({ pending: { request, startedAt: now(), progress: {} }, failure: null, loadCount: state.loadCount + 1 }));
      try {
        const source = await resolveSource(request.source);
        if (mine.signal.aborted) throw new ClipError({ kind: 'cancelled', message: 'Download cancelled' });
        const model = await client.loadModel(
          { ...request, source },
          {
            signal: mine.signal,
            onProgress: (progress) => {
              const pending = get().pending;
              if (controller === mine && pending) set({ pending: { ...pending, progress: { ...pending.progress, [progress.file]: progress } } });
            },
          },
        );
        // The worker serves the newest model it finished loading, even when a newer request is on
        // its way (this one finished before the abort reached it): so does the page, or the two
        // would disagree about which generation is in use.
        const active = get().active;
        if (!active || model.generation > active.model.generation) set({ active: { request, model }, notice: model.fallbackReason });
        if (controller === mine) set({ pending: null, failure: null });
      } catch (error) {
        if (controller !== mine) return;
        set({ pending: null, failure: { request, error: ClipError.from(error).toData() } });
      } finally {
        if (controller === mine) controller = null;
      }
    },
    async retry() {
      const failed = get().failure?.request;
      await get().load(failed ?? {});
    },
    cancel() {
      controller?.abort();
    },
    dismissFailure() {
      set({ failure: null });
    },
    modelChanged(model, message) {
      const active = get().active;
      if (!active) return;
      set({ active: { ...active, model }, notice: message });
    },
    workerRestarting(message) {
      set({ worker: { state: 'restarting', message } });
    },
    workerRestarted(model, message) {
      const active = get().active;
      // Generations never go back (the client keeps them monotonic): a newer model already here stays.
      if (active && model && model.generation >= active.model.generation) set({ active: { ...active, model } });
      set({ worker: { state: 'running' }, notice: message });
    },
    workerFailed(message) {
      set({ worker: { state: 'failed', message } });
    },
    restartWorker() {
      client.restart();
    },
  }));
}

/** Whether two requests ask for the same model files on the same backend. */
export function sameRequest(a: LoadRequest, b: LoadRequest): boolean {
  return (
    a.source.id === b.source.id &&
    a.source.host === b.source.host &&
    a.source.revision === b.source.revision &&
    a.backend === b.backend &&
    (a.precision ?? 'auto') === (b.precision ?? 'auto')
  );
}
