/**
 * The typed contract between the page and the CLIP worker (exposed with Comlink). The page never
 * calls this directly: `src/app/worker/clipClient.ts` owns Comlink (proxies, transfers, release),
 * turns AbortSignals into `abort(callId)` and thrown data into `ClipError`s.
 *
 * Rules every method follows:
 * - Failures are thrown as `ClipErrorData` (workers/errors.ts): code decides on `kind`.
 * - A call that takes a `callId` can be stopped with `abort(callId)`; it then fails with `cancelled`.
 * - Every embedding comes stamped with the `generation` of the model that made it. A model load
 *   gets a new generation; so does a backend change after a lost GPU, and a switch of the image
 *   fit (setImageFit: every image embedding changes). Embeddings of different generations never
 *   go into one score.
 * - While a new model loads, the current one keeps answering (with its own generation); calls
 *   made when no model is loaded wait for the load in progress.
 */
import type { ModelSource, Precision } from '../src/clip/modelSource';
import type { PreprocessorConfig } from '../src/clip/preprocess/config';
import type { ImageFit } from '../src/clip/preprocess/fit';
import type { ClipErrorData } from './errors';

export type BackendChoice = 'auto' | 'wasm' | 'webgpu';
export type Backend = 'wasm' | 'webgpu';

export interface FileProgress {
  file: string;
  loaded: number;
  /** Bytes expected, or null when the server sent no length. */
  total: number | null;
  done: boolean;
  /** Read from the browser's model cache instead of the network. */
  fromCache?: boolean;
  /** Set while the download waits to try again (gone once bytes arrive again). */
  retry?: DownloadRetry;
  /** The byte a dropped download was resumed at (HTTP Range), once it was. */
  resumedFrom?: number;
  /**
   * Whether the browser kept the file for next time, once that was tried: `quota-exceeded` when
   * this site's storage is full, `failed` when storing is impossible (no Cache API, blocked).
   */
  storage?: 'stored' | 'quota-exceeded' | 'failed';
}

/** A download waiting before its next attempt. */
export interface DownloadRetry {
  /** `busy`: the server asked for patience (429, 503); `server-error`: it failed (5xx); `connection-lost`: the network. */
  reason: 'busy' | 'server-error' | 'connection-lost';
  /** When the next attempt starts, in `Date.now()` time (the page and the worker share the clock). */
  until: number;
  /** Where the next attempt starts: the bytes kept (0: from the beginning). */
  resumeAt: number;
  /** The attempt about to be made (2 for the first retry), and how many there may be. */
  attempt: number;
  maxAttempts: number;
  /** The HTTP status that failed, if one did. */
  status?: number;
}

export interface GpuCapability {
  available: boolean;
  /** A software adapter (SwiftShader): works, but hundreds of times slower than WASM. */
  software: boolean;
  shaderF16: boolean;
  description: string;
}

export interface Capabilities {
  webgpu: GpuCapability;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

export interface LoadRequest {
  source: ModelSource;
  backend: BackendChoice;
  precision?: Precision | 'auto';
  /** WASM threads; default: one per core (benchmarks compare 1 and 2). */
  threads?: number;
  /** How images become the model's square input (src/clip/preprocess/fit.ts); default `crop`, CLIP's reference. */
  imageFit?: ImageFit;
}

export interface LoadedModel {
  /** Identifies this model instance: bumped by every load and by every backend change. */
  generation: number;
  source: ModelSource;
  backend: Backend;
  /** Text tower precision (and the image tower's unless visionPrecision differs). */
  precision: Precision;
  visionPrecision: Precision;
  /** WASM threads in use (0 on WebGPU). */
  threads: number;
  embeddingDim: number;
  imageSize: { width: number; height: number };
  /** The model's image preprocessing, so the page can draw what the model sees (outline, input pixels). */
  preprocessor: PreprocessorConfig;
  /** How images are fitted to the model's input now: part of the generation (see setImageFit). */
  imageFit: ImageFit;
  contextLength: number;
  /** Why the requested backend was not used (e.g. WebGPU failed and WASM took over). */
  fallbackReason: string | null;
  loadMs: number;
  /** Which files were checked against a pinned size and SHA-256 when they were read, and which were not. */
  verification: FileVerification;
}

export interface FileVerification {
  /** Files whose size and SHA-256 matched the catalog's pin. */
  checked: string[];
  /** Files read without a pin to check them against. */
  unchecked: string[];
}

export interface NamedBlob {
  name: string;
  blob: Blob;
}

export type ImageResult =
  | { ok: true; embedding: Float32Array; width: number; height: number }
  | { ok: false; error: ClipErrorData };

export interface ImageBatchResult {
  generation: number;
  /** One per input, in order; a bad file fails alone. */
  results: ImageResult[];
}

export type PreprocessResult =
  | { ok: true; pixels: Float32Array; dims: [number, number, number] }
  | { ok: false; error: ClipErrorData };

export interface FrameResult {
  generation: number;
  embedding: Float32Array;
  /** Milliseconds in the worker: pixel read-back + preprocessing + inference. */
  workerMs: number;
}

export interface TextResult {
  generation: number;
  /** L2-normalised rows, one per text. */
  embeddings: Float32Array;
  dim: number;
  /** Per text: true when it was longer than the context and got cut. */
  truncated: boolean[];
  /** How many texts were actually run through the encoder. */
  encodedCount: number;
  /** How many came from the browser's persistent cache (IndexedDB); the rest were in memory. */
  storedCount: number;
}

/** Things the worker tells the page outside any call. */
export type WorkerEvent =
  /** The model now runs elsewhere (a lost GPU device: WASM took over); a new generation. */
  { type: 'model-changed'; model: LoadedModel; message: string };

export interface ClipWorkerApi {
  capabilities(): Promise<Capabilities>;
  /** Liveness check for the page's supervisor: answers at once unless the worker is stuck. */
  ping(): Promise<'pong'>;
  /** Register the page's listener for WorkerEvents (one; a new one replaces it). */
  listen(listener: (event: WorkerEvent) => void): void;
  /**
   * Load a model; the current one keeps serving until this one is ready, then is released. A new
   * loadModel aborts a load still in progress. Progress is per file.
   */
  loadModel(request: LoadRequest, onProgress: (progress: FileProgress) => void, callId: number): Promise<LoadedModel>;
  /** Decode, preprocess and embed images. */
  encodeImages(images: NamedBlob[], callId?: number): Promise<ImageBatchResult>;
  /**
   * What the vision tower sees: decoded and preprocessed `pixel_values` [3,H,W] per image (the same
   * code path as encodeImages), for showing the model's input and for checking parity.
   */
  preprocessImages(images: NamedBlob[], callId?: number): Promise<PreprocessResult[]>;
  /**
   * Switch how the model in use fits images to its input. Every image embedding changes (text
   * embeddings do not), so the model gets a new generation, returned with its info; images
   * embedded before are older than it and are embedded again by the page. Waits for a load in
   * progress when no model is loaded, like the other calls.
   */
  setImageFit(fit: ImageFit, callId?: number): Promise<LoadedModel>;
  /** Embed one camera frame (transferred, then closed here). */
  encodeFrame(frame: ImageBitmap, callId?: number): Promise<FrameResult>;
  /**
   * Embed texts (already templated); cached by text (memory and IndexedDB), so unchanged labels
   * cost nothing. Send a whole label set in one call: the worker batches it by token length.
   * `onProgress(done, total)` counts unique texts.
   */
  encodeTexts(texts: string[], onProgress: ((done: number, total: number) => void) | undefined, callId?: number): Promise<TextResult>;
  /** Stop the call with this id (between batches/files); it fails with `cancelled`. Unknown ids are ignored. */
  abort(callId: number): void;
}
