/**
 * Runs one model's two towers on its current backend, one inference at a time (an onnxruntime
 * session must not run two at once), and moves them to WASM when WebGPU loses its device.
 *
 * Each backend the towers run on is an `ActiveBackend` with its own generation: embeddings made on
 * a lost GPU and on WASM must never meet in one score. A task given to `use` runs wholly on one
 * backend: if the backend is replaced under it, it starts again on the new one.
 *
 * A run on a device that is lost may never finish (or fail first, before the loss is reported):
 * it is not waited for. It is abandoned when the loss is heard, and a GPU run that fails waits a
 * moment for a loss report before its error counts; either way the task starts again on WASM.
 */
import type { TowerPrecisions } from '../../src/clip/catalog';
import type { EncodedBatch } from '../../src/clip/tokenizer';
import type { Capabilities } from '../api';
import { planBackend } from '../backend';
import { ClipError } from '../errors';
import { holdingThread } from '../liveness';
import type { ModelFiles } from '../modelFiles';
import type { OrtModule, OrtRuntime, OrtSession, OrtTensor } from '../ort';
import { SerialQueue } from '../serialQueue';
import { attentionMask, embeddingRows } from './tensors';
import { TowerSessions } from './towerSessions';

/** After load, the text session is made once the worker has been idle this long (WASM). */
const TEXT_SESSION_IDLE_MS = 1500;

/** How long a failed GPU run waits for the device's loss to be reported before its error counts. */
const LOSS_REPORT_GRACE_MS = 1000;

export interface ActiveBackend {
  readonly sessions: TowerSessions;
  /** Stamped on every embedding these sessions make. */
  readonly generation: number;
  /** Why this is not the backend that was asked for (null when it is). */
  readonly fallbackReason: string | null;
}

export interface RunnerOptions {
  files: ModelFiles;
  runtime: OrtRuntime;
  capabilities: Capabilities;
  /** WASM threads asked for at load: a fallback to WASM keeps them. */
  threads: number;
  /** The catalog's WASM weights for this model. */
  wasmTowers: TowerPrecisions | undefined;
  nextGeneration: () => number;
  /** Told once the towers run on a new backend (a new generation), with a message for people. */
  onBackendChanged: (backend: ActiveBackend, message: string) => void;
}

/** Thrown inside `use` when the backend a task started on was replaced: the task runs again. */
class BackendReplaced extends Error {}

export class TowerRunner {
  private active: ActiveBackend;
  /** Set when the GPU device was lost; cleared only once WASM has taken over. */
  private lostReason: string | null = null;
  private replacing: Promise<ActiveBackend> | null = null;
  /** Fires when the device is lost: runs in progress on it are abandoned then. */
  private lost = new LossSignal();
  /** GPU runs that were abandoned and have not settled: the lost sessions are released after them. */
  private abandoned: Promise<unknown>[] = [];
  private readonly queue = new SerialQueue();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    initial: ActiveBackend,
    private readonly options: RunnerOptions,
  ) {
    this.active = initial;
    this.prepareTextWhenIdle();
  }

  get backend(): ActiveBackend {
    return this.active;
  }

  /** The WebGPU device is gone: move to WASM now, or (if that fails) on the next use. */
  deviceLost(reason: string): void {
    if (this.active.sessions.plan.backend !== 'webgpu') return;
    this.lostReason ??= reason;
    this.lost.fire();
    void this.ready().catch(() => undefined); // a failure is retried (and reported) by the next use
  }

  /** Runs `task` on one backend from start to end; it starts again if the backend is replaced meanwhile. */
  async use<T>(task: (backend: ActiveBackend) => Promise<T>): Promise<T> {
    for (;;) {
      const backend = await this.ready();
      try {
        return await task(backend);
      } catch (error) {
        if (!(error instanceof BackendReplaced)) throw error;
      }
    }
  }

  /**
   * The same sessions under a new generation, with `apply` run at the moment of the switch (another
   * image preprocessing: the embeddings change though the weights do not). It runs between two
   * inferences; a task that began on the old generation and runs the towers again afterwards
   * starts over on the new one (see `use`), so nothing made before the switch carries the new
   * generation and nothing made after it carries the old one.
   */
  async renew(apply: () => void): Promise<ActiveBackend> {
    await this.ready(); // a GPU loss being handled first
    return this.queue.run(() => {
      if (this.disposed) throw released();
      apply();
      this.active = { ...this.active, generation: this.options.nextGeneration() };
      return Promise.resolve(this.active);
    });
  }

  /** `pixels` holds `dims[0]` preprocessed images [3,H,W]: their L2-normalised embeddings. */
  runVision(backend: ActiveBackend, pixels: Float32Array, dims: [number, 3, number, number]): Promise<Float32Array> {
    return this.run(backend, 'vision', (ort) => ({ pixel_values: new ort.Tensor('float32', pixels, dims) }), dims[0]);
  }

  /** One padded token batch: its L2-normalised embeddings. */
  runText(backend: ActiveBackend, batch: EncodedBatch, endId: number): Promise<Float32Array> {
    const { inputIds, batchSize: rows, sequenceLength: length } = batch;
    return this.run(backend, 'text', (ort, session) => {
      const feeds: Record<string, OrtTensor> = { input_ids: new ort.Tensor('int64', inputIds, [rows, length]) };
      if (session.inputNames.includes('attention_mask')) feeds.attention_mask = new ort.Tensor('int64', attentionMask(inputIds, endId, rows, length), [rows, length]);
      return feeds;
    }, rows);
  }

  /** Releases the sessions once the runs queued before have finished. */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    await this.queue.run(() => this.active.sessions.release());
  }

  private run(backend: ActiveBackend, tower: 'vision' | 'text', makeFeeds: (ort: OrtModule, session: OrtSession) => Record<string, OrtTensor>, rows: number): Promise<Float32Array> {
    return this.queue.run(async () => {
      if (this.disposed) throw released();
      if (backend !== this.active || this.lostReason !== null) throw new BackendReplaced();
      // Inference holds the worker's thread (on WASM): the page's supervisor is told.
      return holdingThread(async () => {
        const session = tower === 'vision' ? backend.sessions.vision : await backend.sessions.text();
        const run = session.run(makeFeeds(backend.sessions.ort, session));
        const outputs = backend.sessions.plan.backend === 'webgpu' ? await this.unlessLost(run) : await run;
        return embeddingRows(outputs, tower === 'vision' ? 'image_embeds' : 'text_embeds', session.outputNames[0], rows);
      });
    });
  }

  /** A GPU run's outputs, unless the device is lost first or its failure turns out to be the loss. */
  private unlessLost<T>(run: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const stopListening = this.lost.on(() => {
        this.abandoned.push(run.catch(() => undefined));
        reject(new BackendReplaced());
      });
      run.then(
        (outputs) => {
          stopListening();
          resolve(outputs);
        },
        (error: unknown) => {
          stopListening();
          void this.lost.within(LOSS_REPORT_GRACE_MS).then((lost) => reject(lost ? new BackendReplaced() : ClipError.from(error)));
        },
      );
    });
  }

  /** The backend to run on, after moving to WASM if the GPU was lost (one attempt at a time). */
  private ready(): Promise<ActiveBackend> {
    if (this.lostReason === null) return Promise.resolve(this.active);
    this.replacing ??= this.queue.run(() => this.fallBackToWasm()).finally(() => {
      this.replacing = null;
    });
    return this.replacing;
  }

  private async fallBackToWasm(): Promise<ActiveBackend> {
    const reason = this.lostReason;
    if (reason === null) return this.active;
    if (this.disposed) throw released();
    // A lost device's sessions are useless; one with a run still hanging on it is released once
    // that run settles (releasing a session under a running inference is not safe).
    const lostSessions = this.active.sessions;
    const hanging = this.abandoned.splice(0);
    void Promise.all(hanging).then(() => lostSessions.release().catch(() => undefined));
    const { files, runtime, capabilities, threads, wasmTowers } = this.options;
    const noGpu: Capabilities = { ...capabilities, webgpu: { available: false, software: false, shaderF16: false, description: reason } };
    const plan = planBackend('wasm', noGpu, 'auto', wasmTowers);
    // Fails like a load (download, session): `lostReason` stays, so the next use tries again.
    const sessions = await TowerSessions.create({ files, plan, runtime, threads, onDeviceLost: () => undefined });
    const message = `The GPU device was lost (${reason}); switched to WASM`;
    this.active = { sessions, generation: this.options.nextGeneration(), fallbackReason: message };
    this.lostReason = null;
    this.lost = new LossSignal(); // WASM is never lost
    this.options.onBackendChanged(this.active, message);
    this.prepareTextWhenIdle();
    return this.active;
  }

  /** Makes the text session in the background once nothing else has used the worker for a while. */
  private prepareTextWhenIdle(): void {
    clearTimeout(this.idleTimer);
    const { sessions } = this.active;
    if (sessions.textReady || this.disposed) return;
    const lastBusy = this.queue.lastActivity;
    this.idleTimer = setTimeout(() => {
      if (this.queue.lastActivity !== lastBusy || this.queue.busy) return this.prepareTextWhenIdle();
      void this.queue.run(() => sessions.text()).catch(() => undefined); // a real use reports the error
    }, TEXT_SESSION_IDLE_MS);
  }
}

function released(): ClipError {
  return new ClipError({ kind: 'internal', message: 'The model was released' });
}

/** A device loss that runs can wait on, without holding a reaction per run until it happens. */
class LossSignal {
  private fired = false;
  private readonly listeners = new Set<() => void>();

  fire(): void {
    if (this.fired) return;
    this.fired = true;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }

  /** Calls `listener` once the loss happens (at once if it has); returns the unsubscribe. */
  on(listener: () => void): () => void {
    if (this.fired) {
      listener();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the loss happens within `ms`. */
  within(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, ms);
      const stop = this.on(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
