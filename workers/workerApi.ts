/**
 * The worker's side of the contract in workers/api.ts, without Comlink's transport (clip.worker.ts
 * exposes it), so Node tests can call it as the page would:
 *
 * - every call with a `callId` can be stopped with `abort(callId)` (CallRegistry);
 * - every failure leaves as `ClipErrorData` (plain data survives structured cloning);
 * - the page's callbacks (progress, the event listener) are released when their call ends or
 *   when a new listener replaces the old one;
 * - the model in use, the load in progress and the generations live in a ModelSlot.
 */
import type { ModelSource } from '../src/clip/modelSource';
import type { Capabilities, ClipWorkerApi, FileProgress, WorkerEvent } from './api';
import { CallRegistry } from './callRegistry';
import { cancelledError, toErrorData } from './errors';
import { holdingThread } from './liveness';
import type { ClipModel } from './model/clipModel';
import { loadClipModel } from './model/loadModel';
import type { ModelFiles } from './modelFiles';
import { ModelSlot } from './modelSlot';
import type { OrtRuntime } from './ort';
import { pageCallback, type PageCallback } from './pageCallback';

export interface WorkerDeps {
  runtime: OrtRuntime;
  modelFiles: (source: ModelSource) => ModelFiles;
  detectCapabilities: () => Promise<Capabilities>;
  /** In-memory text cache entries per model and backend (default: the cache's own). */
  textCacheLimit?: number;
}

interface Releasable {
  release(): void;
}

export function createClipWorkerApi(deps: WorkerDeps): ClipWorkerApi {
  const calls = new CallRegistry();
  const slot = new ModelSlot<ClipModel>();
  let listener: PageCallback<[WorkerEvent]> | null = null;
  let capabilities: Promise<Capabilities> | null = null;
  const getCapabilities = () => (capabilities ??= deps.detectCapabilities());

  /** Runs one call: abortable by its id, failures as data, the page's callbacks released at the end. */
  async function call<T>(callId: number | undefined, callbacks: (Releasable | undefined)[], work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const running = calls.begin(callId);
    try {
      return await work(running.signal);
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- errors cross the worker boundary as plain ClipErrorData (see errors.ts): Comlink keeps only the name, message and stack of a thrown Error
      throw toErrorData(error);
    } finally {
      running.end();
      for (const callback of callbacks) callback?.release();
    }
  }

  /** A call on the current model (or the one being loaded), leased until the call ends. */
  function withModel<T>(callId: number | undefined, callbacks: (Releasable | undefined)[], work: (model: ClipModel, signal: AbortSignal) => Promise<T>): Promise<T> {
    return call(callId, callbacks, (signal) => leased(signal, work));
  }

  /** `work` on the current model (or the one being loaded), leased until it ends. */
  async function leased<T>(signal: AbortSignal, work: (model: ClipModel, signal: AbortSignal) => Promise<T>): Promise<T> {
    const lease = await slot.acquire(signal);
    try {
      if (signal.aborted) throw cancelledError();
      // Waiting for a load (downloads) above is not thread-holding work; the call's own work is.
      return await holdingThread(() => work(lease.model, signal));
    } finally {
      lease.release();
    }
  }

  return {
    capabilities: () => call(undefined, [], getCapabilities),

    ping: () => Promise.resolve('pong'),

    listen(next) {
      listener?.release();
      listener = pageCallback(next);
    },

    loadModel(request, onProgress, callId) {
      const progress = pageCallback<[FileProgress]>(onProgress);
      return call(callId, [progress], async (signal) => {
        // Registered before anything is awaited: a call the page sends right after this one
        // must find the load in progress and wait for it.
        const model = await slot.load(
          async (generation, loadSignal) =>
            loadClipModel(request, {
              runtime: deps.runtime,
              files: deps.modelFiles(request.source),
              capabilities: await getCapabilities(),
              generation,
              nextGeneration: slot.nextGeneration,
              // Only the model in use speaks to the page; one being replaced finishes quietly.
              onBackendChanged: (changed, message) => {
                if (slot.isCurrent(changed)) listener?.call({ type: 'model-changed', model: changed.info, message });
              },
              read: { signal: loadSignal, onProgress: progress.call },
              textCacheLimit: deps.textCacheLimit,
            }),
          signal,
        );
        return model.info;
      });
    },

    encodeImages: (images, callId) => withModel(callId, [], (model, signal) => model.encodeImages(images, signal)),

    preprocessImages: (images, callId) => withModel(callId, [], (model, signal) => model.preprocessImages(images, signal)),

    // After the load in progress, if any: the fit is for the model about to be in use, and a model
    // being replaced never gets a generation newer than the one replacing it.
    setImageFit: (fit, callId) =>
      call(callId, [], async (signal) => {
        await slot.loadsSettled(signal);
        return leased(signal, (model) => model.setImageFit(fit));
      }),

    async encodeFrame(frame, callId) {
      try {
        return await withModel(callId, [], (model) => model.encodeFrame(frame));
      } finally {
        frame.close(); // also when no model could take it
      }
    },

    encodeTexts(texts, onProgress, callId) {
      const progress = onProgress && pageCallback(onProgress);
      return withModel(callId, [progress], (model, signal) => model.encodeTexts(texts, { onProgress: progress?.call, signal }));
    },

    abort: (callId) => calls.abort(callId),
  };
}
