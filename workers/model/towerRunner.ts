/**
 * Runs one model's two towers on its current backend, one inference at a time (an onnxruntime
 * session must not run two at once), and moves them to WASM when WebGPU loses its device.
 *
 * Each backend the towers run on is an `ActiveBackend` with its own generation: embeddings made on
 * a lost GPU and on WASM must never meet in one score. A task given to `use` runs wholly on one
 * backend: if the backend is replaced under it, it starts again on the new one.
 */
import type { TowerPrecisions } from '../../src/clip/catalog';
import type { EncodedBatch } from '../../src/clip/tokenizer';
import type { Capabilities } from '../api';
import { planBackend } from '../backend';
import { ClipError } from '../errors';
import type { ModelFiles } from '../modelFiles';
import type { OrtModule, OrtRuntime, OrtSession, OrtTensor } from '../ort';
import { SerialQueue } from '../serialQueue';
import { attentionMask, embeddingRows } from './tensors';
import { TowerSessions } from './towerSessions';

/** After load, the text session is made once the worker has been idle this long (WASM). */
const TEXT_SESSION_IDLE_MS = 1500;

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
      const session = tower === 'vision' ? backend.sessions.vision : await backend.sessions.text();
      const outputs = await session.run(makeFeeds(backend.sessions.ort, session));
      return embeddingRows(outputs, tower === 'vision' ? 'image_embeds' : 'text_embeds', session.outputNames[0], rows);
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
    await this.active.sessions.release().catch(() => undefined); // a lost device's sessions are useless
    const { files, runtime, capabilities, threads, wasmTowers } = this.options;
    const noGpu: Capabilities = { ...capabilities, webgpu: { available: false, software: false, shaderF16: false, description: reason } };
    const plan = planBackend('wasm', noGpu, 'auto', wasmTowers);
    // Fails like a load (download, session): `lostReason` stays, so the next use tries again.
    const sessions = await TowerSessions.create({ files, plan, runtime, threads, onDeviceLost: () => undefined });
    const message = `The GPU device was lost (${reason}); switched to WASM`;
    this.active = { sessions, generation: this.options.nextGeneration(), fallbackReason: message };
    this.lostReason = null;
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
