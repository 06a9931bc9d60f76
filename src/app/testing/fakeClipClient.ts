/**
 * A stand-in for the CLIP worker at its boundary, for tests of the stores and the coordinator:
 * it keeps the worker's contract (workers/api.ts) — generations, "the current model keeps
 * answering while a new one loads", calls without a model waiting for the load in progress,
 * AbortSignals, typed errors, per-image failures — with deterministic embeddings instead of
 * onnxruntime. Every answer goes through `schedule`, so a test (or fast-check's scheduler)
 * decides in which order answers arrive.
 *
 * The worker can die as the real client reports it (src/app/worker/clipClient.ts): `crash()` is a
 * death the client recovers from (the model in use is loaded again with the same generation and
 * the calls in flight are answered by the new worker); `crashForGood()` is one too many: calls in
 * flight fail with `worker-died` until `restart()` (or a new call), whose model gets a new generation.
 */
import type {
  Capabilities,
  FileProgress,
  FrameResult,
  ImageBatchResult,
  LoadedModel,
  LoadRequest,
  NamedBlob,
  PreprocessResult,
  TextResult,
} from '../../../workers/api';
import { ClipError } from '../../../workers/errors';
import { parsePreprocessorConfig } from '../../clip/preprocess/config';
import type { ImageFit } from '../../clip/preprocess/fit';
import { clipPreprocessorJson } from '../../clip/testing/fixtures';
import type { CallOptions, ClientEvent, ClipClient } from '../worker/clipClient';

export interface FakeModelSpec {
  dim: number;
  /** The load fails with this error (e.g. a hub that cannot be reached). */
  fails?: { kind: 'network' | 'http' | 'integrity'; message: string };
}

export type Schedule = <T>(work: () => T, label: string) => Promise<T>;

/** Answers in order, as soon as possible. */
export const immediately: Schedule = (work) => new Promise((resolve) => resolve(work()));

export class FakeClipClient implements ClipClient {
  private generation = 0;
  private current: LoadedModel | null = null;
  private loading: Promise<LoadedModel> | null = null;
  private readonly listeners = new Set<(event: ClientEvent) => void>();
  /** Fails the calls in flight when the worker dies for good. */
  private readonly inFlight = new Set<(error: ClipError) => void>();
  private failed = false;
  /** Bumped when the worker dies for good: work it had started never finishes. */
  private epoch = 0;
  /** How many calls reached each method (for assertions). */
  readonly calls = { loadModel: 0, encodeImages: 0, encodeTexts: 0, setImageFit: 0, restarts: 0 };

  constructor(
    private readonly models: Record<string, FakeModelSpec>,
    private readonly schedule: Schedule = immediately,
  ) {}

  capabilities(): Promise<Capabilities> {
    return Promise.resolve({ webgpu: { available: false, software: false, shaderF16: false, description: 'none' }, crossOriginIsolated: true, hardwareConcurrency: 2 });
  }

  loadModel(request: LoadRequest, options: CallOptions & { onProgress?: (p: FileProgress) => void } = {}): Promise<LoadedModel> {
    this.calls.loadModel++;
    this.restartIfFailed();
    const epoch = this.epoch;
    const load = this.schedule(() => {
      this.throwIfGone(epoch);
      throwIfAborted(options.signal, 'Download cancelled');
      const spec = this.models[request.source.id];
      if (!spec) throw new ClipError({ kind: 'http', status: 404, file: 'config.json', message: `Could not download config.json: HTTP 404 Not Found (${request.source.id})` });
      if (spec.fails) throw new ClipError({ ...spec.fails, file: 'config.json' });
      options.onProgress?.({ file: 'config.json', loaded: 10, total: 10, done: true });
      const model: LoadedModel = {
        generation: ++this.generation,
        source: request.source,
        backend: 'wasm',
        precision: request.precision === 'auto' || request.precision === undefined ? 'q8' : request.precision,
        visionPrecision: 'q8',
        threads: request.threads ?? 2,
        embeddingDim: spec.dim,
        imageSize: { width: 224, height: 224 },
        preprocessor: parsePreprocessorConfig(clipPreprocessorJson()),
        imageFit: request.imageFit ?? 'crop',
        contextLength: 77,
        fallbackReason: null,
        loadMs: 1,
        verification: { checked: [], unchecked: ['config.json'] },
      };
      // The new model replaces the current one only once it is ready.
      this.current = model;
      return model;
    }, `load ${request.source.id}`);
    const tracked = load.finally(() => {
      if (this.loading === tracked) this.loading = null;
    });
    this.loading = tracked;
    tracked.catch(() => undefined);
    return this.track(tracked);
  }

  encodeImages(images: NamedBlob[], options: CallOptions = {}): Promise<ImageBatchResult> {
    this.calls.encodeImages++;
    this.restartIfFailed();
    return this.track(this.answerImages(images, options));
  }

  private async answerImages(images: NamedBlob[], options: CallOptions): Promise<ImageBatchResult> {
    const epoch = this.epoch;
    const model = await this.model();
    return this.schedule(() => {
      this.throwIfGone(epoch);
      throwIfAborted(options.signal, 'Cancelled');
      return {
        generation: model.generation,
        results: images.map(({ name, blob }) =>
          blob.type && !blob.type.startsWith('image/')
            ? { ok: false as const, error: { kind: 'not-image' as const, message: `${name} is not an image (${blob.type})`, file: name } }
            : { ok: true as const, embedding: vectorFor(`image:${model.imageFit}:${name}`, model), width: 320, height: 240 },
        ),
      };
    }, `images ${images.map((i) => i.name).join(',')}`);
  }

  async preprocessImages(images: NamedBlob[]): Promise<PreprocessResult[]> {
    const model = await this.model();
    const { width, height } = model.imageSize;
    return images.map(() => ({ ok: true as const, pixels: new Float32Array(3 * width * height), dims: [3, height, width] as [number, number, number] }));
  }

  /** As the worker does: the model in use, under a new generation when the fit changes. */
  async setImageFit(fit: ImageFit, options: CallOptions = {}): Promise<LoadedModel> {
    this.calls.setImageFit++;
    await this.model();
    return this.schedule(() => {
      throwIfAborted(options.signal, 'Cancelled');
      const current = this.current;
      if (!current) throw new ClipError({ kind: 'no-model', message: 'No model is loaded yet' });
      if (current.imageFit !== fit) this.current = { ...current, imageFit: fit, generation: ++this.generation };
      return this.current ?? current;
    }, `fit ${fit}`);
  }

  async encodeFrame(frame: ImageBitmap): Promise<FrameResult> {
    const model = await this.model();
    return { generation: model.generation, embedding: vectorFor(`frame:${frame.width}x${frame.height}`, model), workerMs: 1 };
  }

  encodeTexts(texts: string[], options: CallOptions & { onProgress?: (done: number, total: number) => void } = {}): Promise<TextResult> {
    this.calls.encodeTexts++;
    this.restartIfFailed();
    return this.track(this.answerTexts(texts, options));
  }

  private async answerTexts(texts: string[], options: CallOptions & { onProgress?: (done: number, total: number) => void }): Promise<TextResult> {
    const epoch = this.epoch;
    const model = await this.model();
    return this.schedule(() => {
      this.throwIfGone(epoch);
      throwIfAborted(options.signal, 'Encoding cancelled');
      const dim = model.embeddingDim;
      const embeddings = new Float32Array(texts.length * dim);
      texts.forEach((text, i) => embeddings.set(vectorFor(`text:${text}`, model), i * dim));
      options.onProgress?.(texts.length, texts.length);
      return { generation: model.generation, embeddings, dim, truncated: texts.map(() => false), encodedCount: texts.length, storedCount: 0 };
    }, `texts ×${texts.length}`);
  }

  onEvent(listener: (event: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The worker moved the model elsewhere (a lost GPU): a new generation, told as the worker tells it. */
  changeBackend(message: string): void {
    if (!this.current) return;
    this.current = { ...this.current, generation: ++this.generation, backend: 'wasm', fallbackReason: message };
    this.emit({ type: 'model-changed', model: this.current, message });
  }

  /** A death the client recovers from: restarting, then the same model (same generation) again. */
  crash(cause = 'the browser may have run out of memory'): void {
    this.emit({ type: 'worker-restarting', message: `The model stopped (${cause}); restarting it…` });
    this.calls.restarts++;
    const epoch = this.epoch;
    void this.schedule(() => {
      if (epoch === this.epoch) this.emit({ type: 'worker-restarted', model: this.current, message: `The model stopped (${cause}) and was restarted.` });
    }, 'restart');
  }

  /** One death too many: calls in flight fail with `worker-died`; nothing restarts by itself. */
  crashForGood(message = 'The model stopped 3 times in 2 minutes. Press Retry.'): void {
    this.failed = true;
    this.epoch++;
    this.loading = null;
    const error = new ClipError({ kind: 'worker-died', message });
    for (const fail of [...this.inFlight]) fail(error);
    this.inFlight.clear();
    this.emit({ type: 'worker-failed', message });
  }

  restart(): void {
    if (!this.failed) return;
    this.failed = false;
    this.calls.restarts++;
    this.emit({ type: 'worker-restarting', message: 'Restarting the model…' });
    // Calls were given up: the model comes back with a new generation, so everything is redone.
    if (this.current) this.current = { ...this.current, generation: ++this.generation };
    const epoch = this.epoch;
    void this.schedule(() => {
      if (epoch === this.epoch) this.emit({ type: 'worker-restarted', model: this.current, message: 'The model was restarted.' });
    }, 'restart');
  }

  private throwIfGone(epoch: number): void {
    if (epoch !== this.epoch) throw new ClipError({ kind: 'worker-died', message: 'The worker was stopped' });
  }

  private restartIfFailed(): void {
    if (this.failed) this.restart();
  }

  private emit(event: ClientEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** A call's answer, unless the worker dies for good first. */
  private track<T>(answer: Promise<T>): Promise<T> {
    let fail: (error: ClipError) => void = () => undefined;
    const death = new Promise<never>((_, reject) => (fail = reject));
    this.inFlight.add(fail);
    return Promise.race([answer, death]).finally(() => this.inFlight.delete(fail));
  }

  /** The model calls run on: the current one, else the load in progress (as the worker does). */
  private async model(): Promise<LoadedModel> {
    if (this.current) return this.current;
    if (this.loading) {
      try {
        return await this.loading;
      } catch (error) {
        throw new ClipError({ kind: 'no-model', message: `The model is not available: ${ClipError.from(error).message}` });
      }
    }
    throw new ClipError({ kind: 'no-model', message: 'No model is loaded yet' });
  }
}

function throwIfAborted(signal: AbortSignal | undefined, message: string): void {
  if (signal?.aborted) throw new ClipError({ kind: 'cancelled', message });
}

/** A unit vector that depends on the text and the model (so two models never agree by chance). */
function vectorFor(key: string, model: LoadedModel): Float32Array {
  const out = new Float32Array(model.embeddingDim);
  let h = 2166136261;
  for (const ch of `${model.source.id}|${key}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let norm = 0;
  for (let i = 0; i < out.length; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    out[i] = (h / 2 ** 32) * 2 - 1;
    norm += out[i]! * out[i]!;
  }
  const inverse = 1 / Math.sqrt(norm);
  for (let i = 0; i < out.length; i++) out[i]! *= inverse;
  return out;
}
