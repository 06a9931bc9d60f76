/**
 * The page's handle on the probe worker (workers/probeApi.ts). Every call takes an AbortSignal:
 * aborting ends the worker at once (the solver does not pause to read messages) and the call fails
 * with a `cancelled` ClipError; the next call starts a new worker. Inputs are transferred, not
 * copied, when the caller says they are its own.
 */
import * as Comlink from 'comlink';
import type { KShotCurve, ProbeInput, ProbeStart, ProbeWorkerApi, ShiftResult, TrainedProbe } from '../../../workers/probeApi';
import { ClipError } from '../../../workers/errors';

export interface ProbeCallOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface ProbeClient {
  train(input: ProbeInput, start: ProbeStart, options?: ProbeCallOptions): Promise<TrainedProbe>;
  kShot(input: ProbeInput, zeroShotPredictions: Int32Array, settings: { start: ProbeStart; splits: number }, options?: ProbeCallOptions): Promise<KShotCurve>;
  shift(input: ProbeInput, domains: string[], trainDomain: string, options?: ProbeCallOptions): Promise<ShiftResult>;
}

type WorkerFactory = () => Worker;

const defaultWorker: WorkerFactory = () => new Worker(new URL('../../../workers/probe.worker.ts', import.meta.url), { type: 'module', name: 'probe' });

export class WorkerProbeClient implements ProbeClient {
  /** One worker per call in flight: calls never wait for each other, and aborting one ends only its own. */
  constructor(private readonly makeWorker: WorkerFactory = defaultWorker) {}

  train(input: ProbeInput, start: ProbeStart, options: ProbeCallOptions = {}): Promise<TrainedProbe> {
    return this.call((api, progress) => api.train(input, start, progress), options);
  }

  kShot(input: ProbeInput, zeroShotPredictions: Int32Array, settings: { start: ProbeStart; splits: number }, options: ProbeCallOptions = {}): Promise<KShotCurve> {
    return this.call((api, progress) => api.kShot(input, zeroShotPredictions, settings, progress), options);
  }

  shift(input: ProbeInput, domains: string[], trainDomain: string, options: ProbeCallOptions = {}): Promise<ShiftResult> {
    return this.call((api, progress) => api.shift(input, domains, trainDomain, progress), options);
  }

  private async call<T>(run: (api: Comlink.Remote<ProbeWorkerApi>, progress: ((done: number, total: number) => void) | undefined) => Promise<T>, options: ProbeCallOptions): Promise<T> {
    const { signal, onProgress } = options;
    if (signal?.aborted) throw new ClipError({ kind: 'cancelled', message: 'Cancelled' });
    const worker = this.makeWorker();
    const api = Comlink.wrap<ProbeWorkerApi>(worker);
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    let onAbort = () => undefined as void;
    let onError = (_: ErrorEvent) => undefined as void;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(new ClipError({ kind: 'cancelled', message: 'Cancelled' }));
      onError = (event) => {
        event.preventDefault();
        reject(new ClipError({ kind: 'worker-died', message: `The training worker failed: ${event.message || 'unknown error'}` }));
      };
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', onError);
    try {
      return await Promise.race([run(api, progress), stopped]);
    } catch (error) {
      throw ClipError.from(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      api[Comlink.releaseProxy]();
      worker.terminate();
    }
  }
}
