/**
 * Which model the worker's calls use, and the load that will replace it.
 *
 * - A switch keeps the working model: while a new model loads, calls lease the current one; when
 *   the new one is ready it becomes current, and the old one is released once its last lease (a
 *   call still running on it) ends. A failed or aborted load leaves the current model in place.
 * - A new load aborts a load still in progress.
 * - A call made while no model is loaded waits for the load in progress (the newest one, if it
 *   is replaced meanwhile) and fails with `no-model` if that fails.
 * - Generations: every load gets a new number from one counter, which the models also use for
 *   their backend changes, so a generation names one model on one backend. A model becomes current
 *   with the newest number: if another model took a newer one while it loaded (the old model's
 *   GPU was lost and it fell back to WASM), it is renewed first, so the page, which keeps the
 *   newest generation it has seen, never takes the model in use for an older one.
 */
import { cancelledError, ClipError } from './errors';

export interface SlotModel {
  dispose(): Promise<void>;
  readonly generation: number;
  /** The same model under a new generation from the slot's counter. */
  renewGeneration(): Promise<void>;
}

export interface Lease<M> {
  readonly model: M;
  /** The call no longer uses the model (idempotent). */
  release(): void;
}

interface Held<M> {
  model: M;
  leases: number;
  retired: boolean;
}

interface Loading {
  controller: AbortController;
  /** Resolves when the load has finished: to undefined when installed, else to its error. */
  settled: Promise<unknown>;
}

export class ModelSlot<M extends SlotModel> {
  private current: Held<M> | null = null;
  private loading: Loading | null = null;
  private generations = 0;

  /** A new generation number (loads, and backend changes of a loaded model). */
  readonly nextGeneration = (): number => ++this.generations;

  isCurrent(model: M): boolean {
    return this.current?.model === model;
  }

  /**
   * Loads a model with `make` and makes it current. Fails with `cancelled` when `signal` aborts
   * or a newer load replaces this one.
   */
  async load(make: (generation: number, signal: AbortSignal) => Promise<M>, signal?: AbortSignal): Promise<M> {
    this.loading?.controller.abort(cancelledError('Another model is being loaded'));
    const controller = new AbortController();
    const forward = () => controller.abort(cancelledError('Download cancelled'));
    if (signal?.aborted) forward();
    signal?.addEventListener('abort', forward, { once: true });
    const generation = this.nextGeneration();
    const attempt = (async () => {
      try {
        const model = await make(generation, controller.signal);
        // Again if the old model changed generation once more meanwhile.
        while (!controller.signal.aborted && model.generation < this.generations) await model.renewGeneration();
        if (controller.signal.aborted) {
          void model.dispose().catch(() => undefined);
          throw controller.signal.reason;
        }
        this.install(model);
        return model;
      } catch (error) {
        if (controller.signal.aborted) throw controller.signal.reason instanceof ClipError ? controller.signal.reason : cancelledError('Download cancelled');
        controller.abort(); // stops this load's other downloads
        throw error;
      } finally {
        signal?.removeEventListener('abort', forward);
      }
    })();
    const loading: Loading = { controller, settled: attempt.then(() => undefined, (error: unknown) => error) };
    this.loading = loading;
    void loading.settled.then(() => {
      if (this.loading === loading) this.loading = null;
    });
    return attempt;
  }

  /** The model for one call: the current one, else the one being loaded. Release it when done. */
  async acquire(signal?: AbortSignal): Promise<Lease<M>> {
    for (;;) {
      if (signal?.aborted) throw cancelledError();
      if (this.current) return this.lease(this.current);
      const pending = this.loading;
      if (!pending) throw new ClipError({ kind: 'no-model', message: 'No model is loaded' });
      const failure = await settledOrAborted(pending, signal);
      if (this.current || (this.loading && this.loading !== pending)) continue; // loaded, or a newer load to wait for
      throw new ClipError({ kind: 'no-model', message: `No model is loaded: ${ClipError.from(failure).message}` }, { cause: failure });
    }
  }

  /**
   * Resolves once no load is in progress (one started meanwhile is waited for too), whether it
   * succeeded or not; fails with `cancelled` if `signal` aborts first.
   */
  async loadsSettled(signal?: AbortSignal): Promise<void> {
    while (this.loading) await settledOrAborted(this.loading, signal);
  }

  private install(model: M): void {
    const previous = this.current;
    this.current = { model, leases: 0, retired: false };
    if (previous) {
      previous.retired = true;
      if (previous.leases === 0) dispose(previous);
    }
  }

  private lease(held: Held<M>): Lease<M> {
    held.leases++;
    let released = false;
    return {
      model: held.model,
      release: () => {
        if (released) return;
        released = true;
        held.leases--;
        if (held.retired && held.leases === 0) dispose(held);
      },
    };
  }
}

function dispose(held: Held<SlotModel>): void {
  void held.model.dispose().catch(() => undefined); // releasing sessions only frees memory
}

/** The load's error (undefined when it succeeded); fails with `cancelled` if `signal` aborts first. */
function settledOrAborted(loading: Loading, signal: AbortSignal | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });
    void loading.settled.then((error) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(error);
    });
  });
}
