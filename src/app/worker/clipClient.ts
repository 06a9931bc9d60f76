/**
 * The page's one handle on the CLIP worker, in the manner of Squoosh's worker bridge: it owns
 * Comlink (proxies, transfers, releasing them), turns an AbortSignal into the worker's
 * `abort(callId)`, and turns whatever the worker throws into a typed `ClipError`. Stores take a
 * `ClipClient` as a dependency, so tests can hand them a fake one with the same contract.
 *
 * It also keeps the worker alive. A worker can die without a word (a phone's out-of-memory kill
 * closes it; an error event may come or not) or get stuck; the client notices (an error event, or
 * the liveness watch: livenessWatch.ts), starts a new worker, loads the model that was in use
 * again (its files come from the browser's cache), sends again the calls that were waiting for an
 * answer (encodes are idempotent), and tells the page (`onEvent`). Generations stay monotonic
 * across workers (generations.ts). After repeated deaths in a short time it stops restarting:
 * calls then fail with `worker-died` and the page offers Retry (`restart()`).
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
import { isLivenessMessage, isPulseMessage } from '../../../workers/liveness';
import { GenerationMap, sameModel } from './generations';
import { LivenessWatch, type LivenessLimits, type Unresponsive } from './livenessWatch';

export interface CallOptions {
  signal?: AbortSignal;
}

/** What the page hears outside any call: the worker's own events, and the client's about the worker. */
export type ClientEvent =
  | WorkerEvent
  /** The worker died; a new one is starting, and calls wait for it. */
  | { type: 'worker-restarting'; message: string }
  /** A new worker runs the model that was in use (null: none was loaded); waiting calls were sent to it. */
  | { type: 'worker-restarted'; model: LoadedModel | null; message: string }
  /** The worker died too often (or its model could not be loaded again): calls fail until `restart()`. */
  | { type: 'worker-failed'; message: string };

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
  /** Events outside any call (a backend change, the worker restarting); returns the unsubscribe. */
  onEvent(listener: (event: ClientEvent) => void): () => void;
  /** After `worker-failed`: start a new worker and load the model that was in use again. */
  restart(): void;
}

/** What the client needs of a Worker (tests give it one on a MessageChannel). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>;

export interface SupervisionOptions extends LivenessLimits {
  /** More deaths than `maxRestarts` within `restartWindowMs` stop the automatic restarts. */
  maxRestarts: number;
  restartWindowMs: number;
  now: () => number;
}

/**
 * A worker's pulse beats twice a second: 5 s without one means it is gone. Its own thread answers a
 * ping in milliseconds unless it is busy: 10 s of silence then means it is stuck. A busy one gets a
 * minute per piece of work (one session made, one inference batch), which allows for a slow phone.
 * Each death by silence doubles the limits for the next worker, up to 4×.
 */
export const DEFAULT_SUPERVISION: SupervisionOptions = {
  tickMs: 1000,
  quietMs: 5000,
  stuckMs: 10_000,
  busyMs: 60_000,
  maxRestarts: 2,
  restartWindowMs: 120_000,
  now: () => performance.now(),
};

const defaultWorker = (): WorkerLike => new Worker(new URL('../../../workers/clip.worker.ts', import.meta.url), { type: 'module', name: 'clip' });

type Remote = Comlink.Remote<ClipWorkerApi>;

/** One call from the page, until it is answered; it may be sent to more than one worker. */
interface Call {
  send: (api: Remote, callId: number) => Promise<unknown>;
  /** Page generations in the worker's answer. */
  map: (answer: unknown, toPage: (generation: number) => number) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: ClipError) => void;
  signal: AbortSignal | undefined;
  /** Sending it gives away something (a transferred frame): once sent, it cannot be sent again. */
  once: boolean;
  sentTo: { worker: RunningWorker; callId: number } | null;
  onAbort: () => void;
}

interface RunningWorker {
  worker: WorkerLike;
  remote: Remote;
  watch: LivenessWatch;
  timer: ReturnType<typeof setInterval>;
  /** Page generation = worker generation + offset. */
  offset: number;
  pinging: boolean;
  /** The port the worker's pulse beats on, once it has sent it. */
  pulse: MessagePort | null;
  /** Rejects when this worker is given up (for the internal reload call). */
  gone: Promise<never>;
  giveUp: (error: ClipError) => void;
}

/** The model the worker serves, as the page was told, and the request that loaded it. */
interface ModelInUse {
  request: LoadRequest;
  model: LoadedModel;
}

const CAUSES: Record<Unresponsive, string> = {
  gone: 'the browser may have run out of memory',
  stuck: 'it stopped responding',
};

export class WorkerClipClient implements ClipClient {
  private state: 'stopped' | 'starting' | 'running' | 'failed' = 'stopped';
  private running: RunningWorker | null = null;
  private nextCallId = 1;
  /** Calls not sent yet (a worker is starting), in the order they were made. */
  private waiting: Call[] = [];
  private readonly inFlight = new Set<Call>();
  private readonly listeners = new Set<(event: ClientEvent) => void>();
  private readonly generations = new GenerationMap();
  private inUse: ModelInUse | null = null;
  private deaths: number[] = [];
  /** Grows after each death by silence: this device may be slower than the limits assume. */
  private patience = 1;
  private readonly options: SupervisionOptions;

  constructor(
    private readonly makeWorker: () => WorkerLike = defaultWorker,
    options: Partial<SupervisionOptions> = {},
  ) {
    this.options = { ...DEFAULT_SUPERVISION, ...options };
  }

  capabilities(): Promise<Capabilities> {
    return this.call((api) => api.capabilities(), { map: same });
  }

  loadModel(request: LoadRequest, options: CallOptions & { onProgress?: (progress: FileProgress) => void } = {}): Promise<LoadedModel> {
    // Proxied callbacks hold a MessagePort open until the worker releases them, which it does
    // when its call ends (workers/workerApi.ts). A progress report is a sign of progress.
    const onProgress = Comlink.proxy((progress: FileProgress) => {
      this.progressed();
      options.onProgress?.(progress);
    });
    return this.call((api, callId) => api.loadModel(request, onProgress, callId), {
      signal: options.signal,
      map: (answer, toPage) => {
        const model = { ...(answer as LoadedModel), generation: toPage((answer as LoadedModel).generation) };
        if (!this.inUse || model.generation > this.inUse.model.generation) this.inUse = { request, model };
        return model;
      },
    });
  }

  encodeImages(images: NamedBlob[], options: CallOptions = {}): Promise<ImageBatchResult> {
    return this.call((api, callId) => api.encodeImages(images, callId), { signal: options.signal, map: withGeneration });
  }

  preprocessImages(images: NamedBlob[], options: CallOptions = {}): Promise<PreprocessResult[]> {
    return this.call((api, callId) => api.preprocessImages(images, callId), { signal: options.signal, map: same });
  }

  setImageFit(fit: ImageFit, options: CallOptions = {}): Promise<LoadedModel> {
    return this.call((api, callId) => api.setImageFit(fit, callId), {
      signal: options.signal,
      map: (answer, toPage) => {
        const model = { ...(answer as LoadedModel), generation: toPage((answer as LoadedModel).generation) };
        // A restarted worker loads the model again with the fit in use now (the model in use only:
        // the worker applies a fit after any load in progress, to the model that load made).
        const inUse = this.inUse;
        if (inUse && model.generation > inUse.model.generation && sameModel({ ...model, imageFit: inUse.model.imageFit }, inUse.model)) {
          this.inUse = { request: { ...inUse.request, imageFit: model.imageFit }, model };
        }
        return model;
      },
    });
  }

  encodeFrame(frame: ImageBitmap, options: CallOptions = {}): Promise<FrameResult> {
    // The frame is transferred: a frame sent to a worker that died cannot be sent again.
    return this.call((api, callId) => api.encodeFrame(Comlink.transfer(frame, [frame]), callId), { signal: options.signal, map: withGeneration, once: true });
  }

  encodeTexts(texts: string[], options: CallOptions & { onProgress?: (done: number, total: number) => void } = {}): Promise<TextResult> {
    const onProgress = options.onProgress
      ? Comlink.proxy((done: number, total: number) => {
          this.progressed();
          options.onProgress?.(done, total);
        })
      : undefined;
    return this.call((api, callId) => api.encodeTexts(texts, onProgress, callId), { signal: options.signal, map: withGeneration });
  }

  onEvent(listener: (event: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    this.startIfStopped(); // start the worker, so events can come
    return () => this.listeners.delete(listener);
  }

  restart(): void {
    if (this.state !== 'failed') return;
    this.emit({ type: 'worker-restarting', message: 'Restarting the model…' });
    void this.start({ cause: null, keepGeneration: false });
  }

  private call<T>(send: (api: Remote, callId: number) => Promise<T>, how: { signal?: AbortSignal; map: (answer: unknown, toPage: (g: number) => number) => unknown; once?: boolean }): Promise<T> {
    const { signal } = how;
    if (signal?.aborted) return Promise.reject(new ClipError({ kind: 'cancelled', message: 'Cancelled' }));
    // A call made after the worker failed tries again once (the user asked for something).
    if (this.state === 'failed') this.restart();
    return new Promise<T>((resolve, reject) => {
      const call: Call = {
        send,
        map: how.map,
        resolve: resolve as (value: unknown) => void,
        reject,
        signal,
        once: how.once === true,
        sentTo: null,
        onAbort: () => this.abort(call),
      };
      signal?.addEventListener('abort', call.onAbort, { once: true });
      this.startIfStopped();
      if (this.state === 'running') this.send(call);
      else this.waiting.push(call);
    });
  }

  private send(call: Call): void {
    const running = this.running!;
    const callId = this.nextCallId++;
    call.sentTo = { worker: running, callId };
    this.inFlight.add(call);
    call.send(running.remote, callId).then(
      (answer) => {
        if (call.sentTo?.worker !== running || this.running !== running) return; // from a worker given up
        running.watch.progressed(this.options.now());
        this.settle(call);
        call.resolve(call.map(answer, (generation) => this.toPage(running, generation)));
      },
      (error: unknown) => {
        if (call.sentTo?.worker !== running || this.running !== running) return;
        running.watch.progressed(this.options.now());
        this.settle(call);
        call.reject(ClipError.from(error));
      },
    );
  }

  private settle(call: Call): void {
    this.inFlight.delete(call);
    call.signal?.removeEventListener('abort', call.onAbort);
  }

  private abort(call: Call): void {
    const sent = call.sentTo;
    if (sent && sent.worker === this.running && this.inFlight.has(call)) {
      void sent.worker.remote.abort(sent.callId); // the worker answers with `cancelled`
      return;
    }
    const index = this.waiting.indexOf(call);
    if (index >= 0) this.waiting.splice(index, 1);
    this.settle(call);
    call.reject(new ClipError({ kind: 'cancelled', message: 'Cancelled' }));
  }

  private toPage(running: RunningWorker, generation: number): number {
    const mapped = generation + running.offset;
    this.generations.seen(mapped);
    return mapped;
  }

  private emit(event: ClientEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private progressed(): void {
    this.running?.watch.progressed(this.options.now());
  }

  private startIfStopped(): void {
    if (this.state === 'stopped') void this.start({ cause: null, keepGeneration: true });
  }

  /** Starts a worker; after a death (or a failure), loads the model in use again before sending calls. */
  private async start({ cause, keepGeneration }: { cause: string | null; keepGeneration: boolean }): Promise<void> {
    const restarting = cause !== null || this.state === 'failed';
    this.state = 'starting';
    const running = this.spawn();
    const before = this.inUse;
    let model: LoadedModel | null = null;
    if (restarting && before) {
      try {
        const reload = running.remote.loadModel(before.request, Comlink.proxy(() => this.progressed()), this.nextCallId++);
        const answer = await Promise.race([reload, running.gone]);
        if (this.running !== running) return;
        running.offset = this.generations.offsetAfterReload(answer, before.model, keepGeneration);
        model = { ...answer, generation: this.toPage(running, answer.generation) };
        this.inUse = { request: before.request, model };
      } catch (error) {
        if (this.running !== running) return; // it died meanwhile: that death is being handled
        this.giveUp(running);
        this.fail(`The model stopped${cause ? ` (${cause})` : ''} and could not be loaded again: ${ClipError.from(error).message}`);
        return;
      }
    } else if (restarting) {
      running.offset = this.generations.freshOffset();
    }
    this.state = 'running';
    const waiting = this.waiting.splice(0);
    for (const call of waiting) this.send(call);
    if (restarting) {
      const message = cause ? `The model stopped (${cause}) and was restarted.` : 'The model was restarted.';
      this.emit({ type: 'worker-restarted', model, message });
    }
  }

  private spawn(): RunningWorker {
    const worker = this.makeWorker();
    const remote = Comlink.wrap<ClipWorkerApi>(worker);
    const limits: LivenessLimits = {
      tickMs: this.options.tickMs,
      quietMs: this.options.quietMs * this.patience,
      stuckMs: this.options.stuckMs * this.patience,
      busyMs: this.options.busyMs * this.patience,
    };
    let giveUp: (error: ClipError) => void = () => undefined;
    const gone = new Promise<never>((_, reject) => (giveUp = reject));
    gone.catch(() => undefined);
    const running: RunningWorker = {
      worker,
      remote,
      watch: new LivenessWatch(limits, this.options.now()),
      timer: setInterval(() => this.tick(running), this.options.tickMs),
      offset: 0,
      pinging: false,
      pulse: null,
      gone,
      giveUp,
    };
    worker.addEventListener('message', (event: MessageEvent) => {
      const now = this.options.now();
      if (isLivenessMessage(event.data)) running.watch.report(event.data.busy, now);
      else if (isPulseMessage(event.data)) this.listenToPulse(running, event.data.port);
      else running.watch.heard(now);
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.died(running, `it crashed: ${event.message || 'unknown error'}`, false);
    });
    this.running = running;
    void remote.listen(
      Comlink.proxy((event: WorkerEvent) => {
        if (this.running !== running) return;
        this.progressed();
        const model = { ...event.model, generation: this.toPage(running, event.model.generation) };
        // The worker speaks only of the model it serves: the one in use.
        if (this.inUse) this.inUse = { ...this.inUse, model };
        this.emit({ ...event, model });
      }),
    );
    return running;
  }

  private listenToPulse(running: RunningWorker, port: MessagePort): void {
    running.pulse = port;
    port.onmessage = () => running.watch.pulse(this.options.now());
    running.watch.pulse(this.options.now());
  }

  private tick(running: RunningWorker): void {
    if (this.running !== running) return;
    const verdict = running.watch.check(this.options.now());
    if (verdict) {
      this.died(running, CAUSES[verdict], true);
      return;
    }
    if (!running.pinging) {
      running.pinging = true;
      void running.remote.ping().then(() => (running.pinging = false));
    }
  }

  private giveUp(running: RunningWorker): void {
    clearInterval(running.timer);
    running.pulse?.close();
    running.giveUp(new ClipError({ kind: 'worker-died', message: 'The worker was stopped' }));
    running.worker.terminate();
    if (this.running === running) this.running = null;
  }

  /** The worker is gone: calls it had are sent again to a new one (or fail), unless it died too often. */
  private died(running: RunningWorker, cause: string, silent: boolean): void {
    if (this.running !== running) return;
    this.giveUp(running);
    if (silent) this.patience = Math.min(4, this.patience * 2);
    for (const call of [...this.inFlight]) {
      this.inFlight.delete(call);
      call.sentTo = null;
      if (call.signal?.aborted) {
        this.settle(call);
        call.reject(new ClipError({ kind: 'cancelled', message: 'Cancelled' }));
      } else if (call.once) {
        this.settle(call);
        call.reject(new ClipError({ kind: 'worker-died', message: `The model stopped (${cause})` }));
      } else {
        this.waiting.push(call);
      }
    }
    const now = this.options.now();
    this.deaths = [...this.deaths.filter((t) => now - t < this.options.restartWindowMs), now];
    if (this.deaths.length > this.options.maxRestarts) {
      const minutes = Math.max(1, Math.round(this.options.restartWindowMs / 60_000));
      this.fail(`The model stopped ${this.deaths.length} times in ${minutes} minute${minutes === 1 ? '' : 's'} (${cause}). Close other tabs or choose a smaller model, then press Retry.`);
      return;
    }
    this.emit({ type: 'worker-restarting', message: `The model stopped (${cause}); restarting it…` });
    void this.start({ cause, keepGeneration: true });
  }

  /** No more automatic restarts: every call waiting fails; the page offers Retry. */
  private fail(message: string): void {
    this.state = 'failed';
    const error = new ClipError({ kind: 'worker-died', message });
    for (const call of this.waiting.splice(0)) {
      this.settle(call);
      call.reject(error);
    }
    this.emit({ type: 'worker-failed', message });
  }
}

const same = (answer: unknown): unknown => answer;

function withGeneration(answer: unknown, toPage: (generation: number) => number): unknown {
  const result = answer as { generation: number };
  return { ...result, generation: toPage(result.generation) };
}
