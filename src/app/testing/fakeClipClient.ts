/**
 * A stand-in for the CLIP worker at its boundary, for tests of the stores and the coordinator:
 * it keeps the worker's contract (workers/api.ts) — generations, "the current model keeps
 * answering while a new one loads", calls without a model waiting for the load in progress,
 * AbortSignals, typed errors, per-image failures — with deterministic embeddings instead of
 * onnxruntime. Every answer goes through `schedule`, so a test (or fast-check's scheduler)
 * decides in which order answers arrive.
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
  WorkerEvent,
} from '../../../workers/api';
import { ClipError } from '../../../workers/errors';
import { parsePreprocessorConfig } from '../../clip/preprocess/config';
import type { ImageFit } from '../../clip/preprocess/fit';
import { clipPreprocessorJson } from '../../clip/testing/fixtures';
import type { CallOptions, ClipClient } from '../worker/clipClient';

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
  private readonly listeners = new Set<(event: WorkerEvent) => void>();
  /** How many calls reached each method (for assertions). */
  readonly calls = { loadModel: 0, encodeImages: 0, encodeTexts: 0, setImageFit: 0 };

  constructor(
    private readonly models: Record<string, FakeModelSpec>,
    private readonly schedule: Schedule = immediately,
  ) {}

  capabilities(): Promise<Capabilities> {
    return Promise.resolve({ webgpu: { available: false, software: false, shaderF16: false, description: 'none' }, crossOriginIsolated: true, hardwareConcurrency: 2 });
  }

  loadModel(request: LoadRequest, options: CallOptions & { onProgress?: (p: FileProgress) => void } = {}): Promise<LoadedModel> {
    this.calls.loadModel++;
    const load = this.schedule(() => {
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
    return tracked;
  }

  async encodeImages(images: NamedBlob[], options: CallOptions = {}): Promise<ImageBatchResult> {
    this.calls.encodeImages++;
    const model = await this.model();
    return this.schedule(() => {
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

  async encodeTexts(texts: string[], options: CallOptions & { onProgress?: (done: number, total: number) => void } = {}): Promise<TextResult> {
    this.calls.encodeTexts++;
    const model = await this.model();
    return this.schedule(() => {
      throwIfAborted(options.signal, 'Encoding cancelled');
      const dim = model.embeddingDim;
      const embeddings = new Float32Array(texts.length * dim);
      texts.forEach((text, i) => embeddings.set(vectorFor(`text:${text}`, model), i * dim));
      options.onProgress?.(texts.length, texts.length);
      return { generation: model.generation, embeddings, dim, truncated: texts.map(() => false), encodedCount: texts.length, storedCount: 0 };
    }, `texts ×${texts.length}`);
  }

  onEvent(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
