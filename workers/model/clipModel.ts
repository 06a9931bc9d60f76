/**
 * One loaded CLIP model: what the worker's calls use. It ties the pieces together: the towers
 * (TowerRunner, with the backend they run on and its generation), the image embedder and a text
 * embedder per backend, whose caches never hold another backend's embeddings.
 */
import type { ImageFit, PreprocessorConfig } from '../../src/clip';
import type { ModelSource } from '../../src/clip/modelSource';
import type { ClipTokenizer } from '../../src/clip/tokenizer';
import type { FileVerification, FrameResult, ImageBatchResult, LoadedModel, NamedBlob, PreprocessResult, TextResult } from '../api';
import { PersistentTextCache } from '../persistentTextCache';
import { TextEmbeddingCache } from '../textCache';
import { ImageEmbedder, type EmbedPixels } from './imageEmbedder';
import { concatRows } from './tensors';
import { TextEmbedder, type TextCallOptions } from './textEmbedder';
import type { ActiveBackend, TowerRunner } from './towerRunner';

/** What a model keeps from its load and what does not change with the backend. */
export interface ModelParts {
  source: ModelSource;
  preprocessor: PreprocessorConfig;
  /** How images are fitted to the input at load (setImageFit changes it). */
  imageFit: ImageFit;
  tokenizer: ClipTokenizer;
  embeddingDim: number;
  contextLength: number;
  loadMs: number;
  /** In-memory text cache entries (per backend). */
  textCacheLimit?: number;
  /** The files read so far and whether each was checked against a pin. */
  verification: () => FileVerification;
}

export class ClipModel {
  /** Replaced together with the generation (TowerRunner.renew) when the image fit changes. */
  private images: ImageEmbedder;
  private texts: { backend: ActiveBackend; embedder: TextEmbedder } | null = null;

  constructor(
    private readonly runner: TowerRunner,
    private readonly parts: ModelParts,
  ) {
    this.images = new ImageEmbedder(parts.preprocessor, parts.imageFit);
    this.textEmbedder(runner.backend); // opens the persistent cache now, not on the first labels
  }

  /** What the page is told about this model; it changes when the backend does (a new generation). */
  get info(): LoadedModel {
    const { sessions, generation, fallbackReason } = this.runner.backend;
    const { source, embeddingDim, preprocessor, contextLength, loadMs } = this.parts;
    return {
      generation,
      source,
      backend: sessions.plan.backend,
      precision: sessions.plan.precision,
      visionPrecision: sessions.plan.vision,
      threads: sessions.threads,
      embeddingDim,
      imageSize: { width: preprocessor.outputWidth, height: preprocessor.outputHeight },
      preprocessor,
      imageFit: this.images.fit,
      contextLength,
      fallbackReason,
      loadMs,
      verification: this.parts.verification(),
    };
  }

  get generation(): number {
    return this.runner.backend.generation;
  }

  /** A new generation for the same sessions and fit (see ModelSlot: the newest model is the newest generation). */
  async renewGeneration(): Promise<void> {
    await this.runner.renew(() => undefined);
  }

  /**
   * Another image fit: a new generation (every image embedding changes). The embedder is swapped
   * at the same moment as the generation, and tasks read it when they start on a generation.
   */
  async setImageFit(fit: ImageFit): Promise<LoadedModel> {
    if (fit !== this.images.fit) {
      await this.runner.renew(() => {
        this.images = new ImageEmbedder(this.parts.preprocessor, fit);
      });
    }
    return this.info;
  }

  encodeImages(images: NamedBlob[], signal?: AbortSignal): Promise<ImageBatchResult> {
    return this.runner.use(async (backend) => {
      const embedder = this.images; // the one of `backend`'s generation (see setImageFit)
      return { generation: backend.generation, results: await embedder.encode(images, this.embedPixels(backend), signal) };
    });
  }

  preprocessImages(images: NamedBlob[], signal?: AbortSignal): Promise<PreprocessResult[]> {
    return this.images.preprocess(images, signal);
  }

  /** One camera frame (closed here); `workerMs` counts read-back, preprocessing and inference. */
  async encodeFrame(frame: ImageBitmap): Promise<FrameResult> {
    const started = performance.now();
    // Read once (the frame is closed); preprocessed within the task, with its generation's fit.
    const image = this.images.frameImage(frame);
    return this.runner.use(async (backend) => {
      const embedding = await this.embedPixels(backend)(this.images.pixelsOf(image), 1);
      return { generation: backend.generation, embedding, workerMs: performance.now() - started };
    });
  }

  encodeTexts(texts: string[], options: TextCallOptions = {}): Promise<TextResult> {
    return this.runner.use(async (backend) => ({ generation: backend.generation, ...(await this.textEmbedder(backend).encode(texts, options)) }));
  }

  dispose(): Promise<void> {
    return this.runner.dispose();
  }

  private embedPixels(backend: ActiveBackend): EmbedPixels {
    const { outputWidth: width, outputHeight: height } = this.parts.preprocessor;
    if (backend.sessions.plan.vision !== 'q8') return (pixels, count) => this.runner.runVision(backend, pixels, [count, 3, height, width]);
    // The 8-bit vision tower quantises its activations with one scale per tensor
    // (DynamicQuantizeLinear), so an image's embedding would depend on the other images of its
    // batch (up to 1.5e-3 here). One image per run: a photo scores the same however it was dropped,
    // as it does alone in the reference; batches of 8 were only ~14% faster per image. (A copy per
    // image, not a view: 0.6 MB, and no reliance on how a runtime reads a view's offset.)
    const size = 3 * height * width;
    return async (pixels, count) => {
      const rows: Float32Array[] = [];
      for (let i = 0; i < count; i++) rows.push(await this.runner.runVision(backend, pixels.slice(i * size, (i + 1) * size), [1, 3, height, width]));
      return concatRows(rows);
    };
  }

  /** The text embedder of this backend: its caches start empty and are keyed by backend and precision. */
  private textEmbedder(backend: ActiveBackend): TextEmbedder {
    if (this.texts?.backend !== backend) {
      const { source, tokenizer, embeddingDim, textCacheLimit } = this.parts;
      const { plan, textFingerprint } = backend.sessions;
      const namespace = [source.host, source.id, source.revision, plan.backend, plan.precision, textFingerprint].join('|');
      const embedder = new TextEmbedder({
        tokenizer,
        embed: (batch) => this.runner.runText(backend, batch, tokenizer.endId),
        memory: new TextEmbeddingCache(textCacheLimit),
        stored: new PersistentTextCache(namespace),
        embeddingDim,
      });
      this.texts = { backend, embedder };
    }
    return this.texts.embedder;
  }
}
