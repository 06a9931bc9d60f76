/**
 * The model: the one in use, a load in progress with per-file progress, and the last load that
 * failed. A switch keeps the model in use until the new one is ready (the worker does the same),
 * so a failed or cancelled switch changes nothing but a message: "still using X".
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FileProgress, LoadedModel, LoadRequest } from '../../../workers/api';
import { ClipError, type ClipErrorData } from '../../../workers/errors';
import type { ModelSource } from '../../clip/modelSource';
import type { ImageFit } from '../../clip/preprocess/fit';
import type { SourceAssessment } from '../../clip/sourcePolicy';
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
  /** Each file's last progress in the load that made it (from the cache or not, kept or not). */
  files?: Record<string, FileProgress>;
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

/** A load that waits for the user's consent (or was declined): nothing was requested for it. */
export interface ConsentQuestion {
  request: LoadRequest;
  assessment: SourceAssessment;
}

export interface LoadOptions {
  /**
   * The user chose this in the app's own picker, with its size shown: that is consent. A link's
   * parameters and the precision select are not (see src/clip/sourcePolicy.ts).
   */
  consented?: boolean;
}

export interface ModelState {
  active: ActiveModel | null;
  pending: PendingLoad | null;
  failure: LoadFailure | null;
  /** Backend changes and restarts the user should know about (WebGPU failed, WASM took over). */
  notice: string | null;
  worker: WorkerHealth;
  /** Loads started so far: a choice made in a picker before the latest load is out of date. */
  loadCount: number;
  /** A load that needs the user's consent before a single request is made. */
  consent: ConsentQuestion | null;
  /** The last load the user declined: nothing was downloaded for it. */
  declined: ConsentQuestion | null;
  /**
   * How images are fitted to the model's input (CLIP's centre crop, or the whole image padded): the
   * user's choice, asked of every load and switched on the model in use, whose `imageFit` follows
   * once the worker has switched (a new generation: the coordinator re-embeds the gallery).
   */
  imageFit: ImageFit;
  setImageFit: (fit: ImageFit) => Promise<void>;
  /**
   * Load a model. Omitted parts of the request keep the active model's (or, before any model,
   * the URL's). A newer load replaces one in progress. A load the source policy does not allow on
   * its own waits in `consent` instead (unless `options.consented`, or the same key was consented).
   */
  load: (request?: Partial<LoadRequest>, options?: LoadOptions) => Promise<void>;
  /** The user agreed to the load in `consent`: it starts. */
  approve: () => Promise<void>;
  /** The user declined the load in `consent`: nothing is downloaded, the model in use stays. */
  decline: () => void;
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
  /** The source policy (src/clip/sourcePolicy.ts); without it every load starts at once. */
  assess?: (request: LoadRequest) => SourceAssessment;
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

export function createModelStore({ client, initial, resolveSource = (s) => Promise.resolve(s), assess, now = () => performance.now() }: ModelStoreDeps): StoreApi<ModelState> {
  let controller: AbortController | null = null;
  /** Consent holds for this page's life, per host, model, revision and precision. */
  const consented = new Set<string>();

  return createStore<ModelState>((set, get) => ({
    active: null,
    pending: null,
    failure: null,
    notice: null,
    worker: { state: 'running' },
    loadCount: 0,
    imageFit: initial.imageFit ?? 'crop',
    async setImageFit(fit) {
      set({ imageFit: fit });
      await applyImageFit(client, get, set);
    },
    consent: null,
    declined: null,
    async load(changes = {}, options = {}) {
      const base = get().active?.request ?? initial;
      const request: LoadRequest = { ...base, ...changes };
      const assessment = assess?.(request);
      if (assessment && assessment.reasons.length > 0 && !options.consented && !consented.has(assessment.key)) {
        // Asked before anything is requested; a load in progress goes on until the user answers.
        set({ consent: { request, assessment }, declined: null });
        return;
      }
      if (assessment && options.consented) consented.add(assessment.key);
      set({ consent: null, declined: null });
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      set((state) => ({ pending: { request, startedAt: now(), progress: {} }, failure: null, loadCount: state.loadCount + 1 }));
      try {
        const source = await resolveSource(request.source);
        if (mine.signal.aborted) throw new ClipError({ kind: 'cancelled', message: 'Download cancelled' });
        const model = await client.loadModel(
          { ...request, source, imageFit: get().imageFit },
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
        const files = controller === mine ? get().pending?.progress : undefined;
        if (!active || model.generation > active.model.generation) set({ active: { request, model, files }, notice: model.fallbackReason });
        if (controller === mine) set({ pending: null, failure: null });
        // The fit may have been changed while this loaded.
        await applyImageFit(client, get, set);
      } catch (error) {
        if (controller !== mine) return;
        set({ pending: null, failure: { request, error: ClipError.from(error).toData() } });
      } finally {
        if (controller === mine) controller = null;
      }
    },
    async approve() {
      const question = get().consent;
      if (!question) return;
      await get().load(question.request, { consented: true });
    },
    decline() {
      const question = get().consent;
      if (question) set({ consent: null, declined: question });
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

/**
 * Brings the model in use to the chosen fit. The worker switches the model that is in use once any
 * load in progress has finished, so its answer may be about a model the page has not heard of yet:
 * it is taken only for the same model, newer; after every load this runs again.
 */
async function applyImageFit(client: ClipClient, get: () => ModelState, set: (changes: Partial<ModelState>) => void): Promise<void> {
  const active = get().active;
  const wanted = get().imageFit;
  if (!active || active.model.imageFit === wanted) return;
  try {
    const model = await client.setImageFit(wanted);
    const now = get().active;
    if (now && sameLoadedModel(now.model, model) && model.generation > now.model.generation) set({ active: { ...now, model } });
  } catch (error) {
    const now = get().active;
    // The choice goes back to what the model in use does, and says why.
    if (now && get().imageFit === wanted) set({ imageFit: now.model.imageFit, notice: `The image fit could not be changed: ${ClipError.from(error).message}` });
  }
}

/** Whether two infos describe one loaded model (perhaps at different generations). */
function sameLoadedModel(a: LoadedModel, b: LoadedModel): boolean {
  return a.source.id === b.source.id && a.source.host === b.source.host && a.source.revision === b.source.revision && a.backend === b.backend && a.precision === b.precision;
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
