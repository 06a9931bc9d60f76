/**
 * One loaded CLIP model: its two onnxruntime sessions, tokenizer and preprocessing, on the backend
 * chosen for this browser. Owns the fallback from WebGPU to WASM (at session creation, or when the
 * GPU device is lost later).
 */
import type * as Ort from 'onnxruntime-web';
import { catalogEntry, ClipTokenizer, normalizeRows, parsePreprocessorConfig, planTextBatches, preprocessImage, type PreprocessorConfig } from '../src/clip';
import type { ModelSource } from '../src/clip/modelSource';
import type { BackendNotice, Capabilities, FileProgress, ImageResult, LoadedModel, LoadRequest, FrameResult, PreprocessResult, TextResult } from './api';
import { planBackend } from './backend';
import { decodeImage, ImageInputError, readBitmap } from './decodeImage';
import { DownloadError } from './download';
import { fetchConfigs, type FetchContext, type ModelConfigs } from './modelFiles';
import type { OrtModule } from './ort';
import { SerialQueue } from './serialQueue';
import { PersistentTextCache } from './persistentTextCache';
import { TextEmbeddingCache } from './textCache';
import { TowerSessions } from './towerSessions';
import { yieldToEventLoop } from './yieldToEventLoop';

/** Images per vision run: enough to amortise the call, small enough to bound memory. */
const IMAGE_BATCH = 8;
/** Most texts per text run: bounds memory for long label sets. */
const TEXT_BATCH = 64;

/** After load, the text session is made once the worker has been idle this long (WASM). */
const TEXT_SESSION_IDLE_MS = 1500;

function textCacheNamespace(source: ModelSource, sessions: TowerSessions): string {
  return [source.host, source.id, source.revision, sessions.plan.backend, sessions.plan.precision, sessions.textFingerprint].join('|');
}

export class ClipModel {
  private readonly queue = new SerialQueue();
  private readonly textCache = new TextEmbeddingCache();
  private storedTexts: PersistentTextCache;
  private gpuLostReason: string | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    private sessions: TowerSessions,
    private readonly source: ModelSource,
    private readonly preprocessor: PreprocessorConfig,
    private readonly tokenizer: ClipTokenizer,
    readonly info: LoadedModel,
    private readonly onProgress: (p: FileProgress) => void,
    private readonly onNotice: (n: BackendNotice) => void,
  ) {
    this.storedTexts = new PersistentTextCache(textCacheNamespace(source, sessions));
    this.prepareTextWhenIdle();
  }

  static async load(
    request: LoadRequest,
    caps: Capabilities,
    onProgress: (p: FileProgress) => void,
    onNotice: (n: BackendNotice) => void,
    signal?: AbortSignal,
  ): Promise<ClipModel> {
    const started = performance.now();
    const context: FetchContext = { source: request.source, onProgress, signal };
    const configs = await fetchConfigs(context);
    const preprocessor = parsePreprocessorConfig(configs.preprocessor);
    const contextLength = textContextLength(configs);
    const tokenizer = ClipTokenizer.fromJson(configs.tokenizer, configs.tokenizerConfig, contextLength);

    const wasmTowers = catalogEntry(request.source.id)?.wasm;
    let plan = planBackend(request.backend, caps, request.precision, wasmTowers);
    let fallbackReason = plan.note;
    let sessions: TowerSessions;
    const holder: { model?: ClipModel } = {};
    try {
      sessions = await TowerSessions.create(context, plan, caps, (reason) => holder.model?.deviceLost(reason), request.threads);
    } catch (error) {
      if (plan.backend !== 'webgpu' || signal?.aborted || error instanceof DownloadError) throw error;
      fallbackReason = `WebGPU failed (${errorMessage(error)}); using WASM instead`;
      onNotice({ kind: 'fallback', message: fallbackReason, backend: 'wasm' });
      plan = planBackend('wasm', caps, 'auto', wasmTowers);
      sessions = await TowerSessions.create(context, plan, caps, () => undefined, request.threads);
    }
    const info: LoadedModel = {
      source: request.source,
      backend: sessions.plan.backend,
      precision: sessions.plan.precision,
      visionPrecision: sessions.plan.vision,
      threads: sessions.threads,
      embeddingDim: Number(configs.config.projection_dim ?? 0),
      imageSize: { width: preprocessor.outputWidth, height: preprocessor.outputHeight },
      contextLength,
      fallbackReason,
      loadMs: Math.round(performance.now() - started),
    };
    const model = new ClipModel(sessions, request.source, preprocessor, tokenizer, info, onProgress, onNotice);
    holder.model = model;
    return model;
  }

  /** Decode, preprocess and embed images; L2-normalised embeddings, one result per input. */
  async encodeImages(images: { name: string; blob: Blob }[]): Promise<ImageResult[]> {
    const results: ImageResult[] = new Array(images.length);
    for (let start = 0; start < images.length; start += IMAGE_BATCH) {
      const slice = images.slice(start, start + IMAGE_BATCH);
      const prepared = await Promise.all(slice.map((image) => this.prepareImage(image.name, image.blob)));
      const good = prepared.flatMap((p, i) => ('pixels' in p ? [{ ...p, index: start + i }] : []));
      prepared.forEach((p, i) => {
        if ('error' in p) results[start + i] = { ok: false, error: p.error };
      });
      if (good.length === 0) continue;
      const embeddings = await this.runVision(good.map((g) => g.pixels));
      const dim = embeddings.length / good.length;
      good.forEach((g, row) => {
        results[g.index] = { ok: true, embedding: embeddings.slice(row * dim, (row + 1) * dim), width: g.width, height: g.height };
      });
    }
    return results;
  }

  async encodeFrame(frame: ImageBitmap): Promise<FrameResult> {
    const started = performance.now();
    let pixels: Float32Array;
    try {
      pixels = preprocessImage(readBitmap(frame), this.preprocessor);
    } finally {
      frame.close();
    }
    const embedding = await this.runVision([pixels]);
    return { embedding, workerMs: performance.now() - started };
  }

  async preprocessImages(images: { name: string; blob: Blob }[]): Promise<PreprocessResult[]> {
    const { outputWidth: width, outputHeight: height } = this.preprocessor;
    return Promise.all(
      images.map(async ({ name, blob }) => {
        const prepared = await this.prepareImage(name, blob);
        return 'error' in prepared ? { ok: false as const, error: prepared.error } : { ok: true as const, pixels: prepared.pixels, dims: [3, height, width] as [number, number, number] };
      }),
    );
  }

  /**
   * Embed texts (already templated); L2-normalised rows in input order; cached by text. All
   * uncached texts are batched together by token length (see planTextBatches); `onProgress`
   * hears after each batch; an aborted `signal` stops between batches (finished ones stay cached).
   */
  async encodeTexts(texts: string[], onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<TextResult> {
    let missing = [...new Set(texts.filter((text) => !this.textCache.get(text)))];
    const stored = await this.storedTexts.getMany(missing);
    stored.forEach((entry, i) => entry && this.textCache.set(missing[i], entry.embedding, entry.truncated));
    const fromDisk = stored.filter(Boolean).length;
    missing = missing.filter((_, i) => !stored[i]);
    const encoded = missing.map((text) => this.tokenizer.encode(text));
    const unique = new Set(texts).size;
    let done = unique - missing.length;
    onProgress?.(done, unique);
    const writes: Promise<void>[] = [];
    for (const rows of planTextBatches(encoded.map((e) => e.ids.length), TEXT_BATCH)) {
      await yieldToEventLoop(); // a cancel message and the IndexedDB writes get their turn
      if (signal?.aborted) throw new Error('Encoding cancelled');
      const batch = this.tokenizer.padBatch(rows.map((i) => encoded[i]));
      const embeddings = await this.runText(batch.inputIds, batch.batchSize, batch.sequenceLength);
      const dim = embeddings.length / rows.length;
      const values = rows.map((i, row) => ({ text: missing[i], value: { embedding: embeddings.slice(row * dim, (row + 1) * dim), truncated: batch.truncated[row] } }));
      values.forEach(({ text, value }) => this.textCache.set(text, value.embedding, value.truncated));
      writes.push(this.storedTexts.putMany(values));
      done += rows.length;
      onProgress?.(done, unique);
    }
    // Stored before answering: a reload right after the result must not encode them again.
    await Promise.all(writes);
    const dim = texts.length > 0 ? this.textCache.get(texts[0])!.embedding.length : this.info.embeddingDim;
    const out = new Float32Array(texts.length * dim);
    const truncated = texts.map((text, row) => {
      const entry = this.textCache.get(text)!;
      out.set(entry.embedding, row * dim);
      return entry.truncated;
    });
    return { embeddings: out, dim, truncated, encodedCount: missing.length, storedCount: fromDisk };
  }

  async dispose(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.queue.run(() => this.sessions.release());
  }

  private async prepareImage(name: string, blob: Blob): Promise<{ pixels: Float32Array; width: number; height: number } | { error: string }> {
    try {
      const image = await decodeImage(blob, name);
      return { pixels: preprocessImage(image, this.preprocessor), width: image.width, height: image.height };
    } catch (error) {
      const message = error instanceof ImageInputError ? error.message : `${name} could not be processed: ${errorMessage(error)}`;
      return { error: message };
    }
  }

  private runVision(pixels: Float32Array[]): Promise<Float32Array> {
    const { outputWidth: width, outputHeight: height } = this.preprocessor;
    const batch = new Float32Array(pixels.length * 3 * width * height);
    pixels.forEach((p, i) => batch.set(p, i * p.length));
    return this.run('vision', (ort) => ({ pixel_values: new ort.Tensor('float32', batch, [pixels.length, 3, height, width]) }), pixels.length);
  }

  private runText(ids: BigInt64Array, rows: number, length: number): Promise<Float32Array> {
    return this.run('text', (ort, session) => {
      const feeds: Record<string, Ort.Tensor> = { input_ids: new ort.Tensor('int64', ids, [rows, length]) };
      // Some exports also take an attention mask; CLIP's causal text tower reads the first end token.
      if (session.inputNames.includes('attention_mask')) {
        feeds.attention_mask = new ort.Tensor('int64', attentionMask(ids, this.tokenizer.endId, rows, length), [rows, length]);
      }
      return feeds;
    }, rows);
  }

  private run(tower: 'vision' | 'text', makeFeeds: (ort: OrtModule, session: Ort.InferenceSession) => Record<string, Ort.Tensor>, rows: number) {
    return this.queue.run(async () => {
      if (this.gpuLostReason) await this.fallBackToWasm(this.gpuLostReason);
      const session = tower === 'vision' ? this.sessions.vision : await this.sessions.text();
      const outputs = await session.run(makeFeeds(this.sessions.ort, session));
      const name = tower === 'vision' ? 'image_embeds' : 'text_embeds';
      const tensor = outputs[name] ?? outputs[session.outputNames[0]];
      const data = toFloat32(tensor);
      for (const output of Object.values(outputs)) output.dispose();
      return normalizeRows(data, rows, data.length / rows);
    });
  }

  private deviceLost(reason: string): void {
    this.gpuLostReason = reason;
  }

  private async fallBackToWasm(reason: string): Promise<void> {
    this.gpuLostReason = null;
    const message = `The GPU device was lost (${reason}); switched to WASM`;
    this.onNotice({ kind: 'fallback', message, backend: 'wasm' });
    const caps = { webgpu: { available: false, software: false, shaderF16: false, description: reason }, crossOriginIsolated: globalThis.crossOriginIsolated === true, hardwareConcurrency: navigator.hardwareConcurrency ?? 1 };
    const plan = planBackend('wasm', caps, 'auto', catalogEntry(this.source.id)?.wasm);
    this.sessions = await TowerSessions.create({ source: this.source, onProgress: this.onProgress }, plan, caps, () => undefined);
    this.storedTexts = new PersistentTextCache(textCacheNamespace(this.source, this.sessions));
    Object.assign(this.info, { backend: 'wasm', precision: plan.precision, visionPrecision: plan.vision, threads: this.sessions.threads, fallbackReason: message });
    this.textCache.clear();
    this.prepareTextWhenIdle();
  }

  /** Makes the text session in the background once nothing else has used the worker for a while. */
  private prepareTextWhenIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.sessions.textReady) return;
    const lastBusy = this.queue.lastActivity;
    this.idleTimer = setTimeout(() => {
      if (this.queue.lastActivity !== lastBusy || this.queue.busy) return this.prepareTextWhenIdle();
      void this.queue.run(() => this.sessions.text()).catch(() => undefined); // a real use reports the error
    }, TEXT_SESSION_IDLE_MS);
  }
}

function attentionMask(ids: BigInt64Array, endId: number, rows: number, length: number): BigInt64Array {
  const mask = new BigInt64Array(rows * length);
  for (let r = 0; r < rows; r++) {
    // Everything up to and including the first end token is real; padding follows it.
    let ended = false;
    for (let c = 0; c < length; c++) {
      mask[r * length + c] = ended ? 0n : 1n;
      if (Number(ids[r * length + c]) === endId) ended = true;
    }
  }
  return mask;
}

function toFloat32(tensor: Ort.Tensor): Float32Array {
  if (tensor.type === 'float32') return tensor.data as Float32Array;
  if (tensor.type === 'float16') return Float32Array.from(tensor.data as ArrayLike<number>);
  throw new Error(`unexpected output type ${tensor.type}`);
}

function textContextLength(configs: ModelConfigs): number {
  const text = configs.config.text_config as Record<string, unknown> | undefined;
  return Number(text?.max_position_embeddings ?? 77);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
