/**
 * The page's one handle on the CLIP worker, in the manner of Squoosh's worker bridge: it owns
 * Comlink (proxies, transfers, releasing them), turns an AbortSignal into the worker's
 * `abort(callId)`, and turns whatever the worker throws into a typed `ClipError`. Stores take a
 * `ClipClient` as a dependency, so tests can hand them a fake one with the same contract.
 */
import * as Comlink from 'comlink';
import type {
  Capabilities,
  ClipWorkerApi,
  FileProgress,
  FrameResult,
  ImageBatchResult,
  LoadedModel,
  LoadRequest,
  NamedBlob,
  PreprocessResult,
  TextResult,
  WorkerEvent,
} from '../../../workers/api';
import { ClipError } from '../../../workers/errors';
import type { ImageFit } from '../../clip/preprocess/fit';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ClipClient {
  capabilities(): Promise<Capabilities>;
  loadModel(request: LoadRequest, options?: CallOptions & { onProgress?: (progress: FileProgress) => void }): Promise<LoadedModel>;
  encodeImages(images: NamedBlob[], options?: CallOptions): Promise<ImageBatchResult>;
  preprocessImages(images: NamedBlob[], options?: CallOptions): Promise<PreprocessResult[]>;
  /** Another image fit for the model in use: its info, with a new generation. */
  setImageFit(fit: ImageFit, options?: CallOptions): Promise<LoadedModel>;
  /** The frame is transferred to the worker: it is closed afterwards. */
  encodeFrame(frame: ImageBitmap, options?: CallOptions): Promise<FrameResult>;
  encodeTexts(texts: string[], options?: CallOptions & { onProgress?: (done: number, total: number) => void }): Promise<TextResult>;
  /** Events from the worker outside any call (a backend change); returns the unsubscribe. */
  onEvent(listener: (event: WorkerEvent) => void): () => void;
}

type WorkerFactory = () => Worker;

const defaultWorker: WorkerFactory = () => new Worker(new URL('../../../workers/clip.worker.ts', import.meta.url), { type: 'module', name: 'clip' });

export class WorkerClipClient implements ClipClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<ClipWorkerApi> | null = null;
  private nextCallId = 1;
  private readonly listeners = new Set<(event: WorkerEvent) => void>();
  /** Rejects every call in flight: set when the worker dies. */
  private readonly inFlight = new Set<(error: ClipError) => void>();

  constructor(private readonly makeWorker: WorkerFactory = defaultWorker) {}

  capabilities(): Promise<Capabilities> {
    return this.call((api) => api.capabilities());
  }

  loadModel(request: LoadRequest, options: CallOptions & { onProgress?: (progress: FileProgress) => void } = {}): Promise<LoadedModel> {
    // Proxied callbacks hold a MessagePort open until the worker releases them, which it does
    // when its call ends (workers/clip.worker.ts).
    const onProgress = Comlink.proxy((progress: FileProgress) => options.onProgress?.(progress));
    return this.call((api, callId) => api.loadModel(request, onProgress, callId), options.signal);
  }

  encodeImages(images: NamedBlob[], options: CallOptions = {}): Promise<ImageBatchResult> {
    return this.call((api, callId) => api.encodeImages(images, callId), options.signal);
  }

  preprocessImages(images: NamedBlob[], options: CallOptions = {}): Promise<PreprocessResult[]> {
    return this.call((api, callId) => api.preprocessImages(images, callId), options.signal);
  }

  setImageFit(fit: ImageFit, options: CallOptions = {}): Promise<LoadedModel> {
    return this.call((api, callId) => api.setImageFit(fit, callId), options.signal);
  }

  encodeFrame(frame: ImageBitmap, options: CallOptions = {}): Promise<FrameResult> {
    return this.call((api, callId) => api.encodeFrame(Comlink.transfer(frame, [frame]), callId), options.signal);
  }

  encodeTexts(texts: string[], options: CallOptions & { onProgress?: (done: number, total: number) => void } = {}): Promise<TextResult> {
    const onProgress = options.onProgress ? Comlink.proxy(options.onProgress) : undefined;
    return this.call((api, callId) => api.encodeTexts(texts, onProgress, callId), options.signal);
  }

  onEvent(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    this.api(); // start the worker, so events can come
    return () => this.listeners.delete(listener);
  }

  /** The worker's API, starting the worker on first use. */
  private api(): Comlink.Remote<ClipWorkerApi> {
    if (this.remote) return this.remote;
    const worker = this.makeWorker();
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.died(`The worker failed: ${event.message || 'unknown error'}`);
    });
    this.worker = worker;
    this.remote = Comlink.wrap<ClipWorkerApi>(worker);
    void this.remote.listen(Comlink.proxy((event: WorkerEvent) => this.listeners.forEach((listener) => listener(event))));
    return this.remote;
  }

  /** Fails every call in flight and forgets the worker; the next call starts a new one. */
  private died(message: string): void {
    const error = new ClipError({ kind: 'worker-died', message });
    for (const reject of [...this.inFlight]) reject(error);
    this.inFlight.clear();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }

  private async call<T>(run: (api: Comlink.Remote<ClipWorkerApi>, callId: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new ClipError({ kind: 'cancelled', message: 'Cancelled' });
    const api = this.api();
    const callId = this.nextCallId++;
    const onAbort = () => void api.abort(callId);
    signal?.addEventListener('abort', onAbort, { once: true });
    let reject: (error: ClipError) => void = () => undefined;
    const death = new Promise<never>((_, fail) => {
      reject = fail;
    });
    this.inFlight.add(reject);
    try {
      return await Promise.race([run(api, callId), death]);
    } catch (error) {
      throw ClipError.from(error);
    } finally {
      this.inFlight.delete(reject);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

