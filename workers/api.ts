/** The typed contract between the UI and the CLIP worker (exposed with Comlink). */
import type { ModelSource, Precision } from '../src/clip/modelSource';

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
}

export interface LoadedModel {
  source: ModelSource;
  backend: Backend;
  /** Text tower precision (and the image tower's unless visionPrecision differs). */
  precision: Precision;
  visionPrecision: Precision;
  /** WASM threads in use (1 on WebGPU's CPU side is not reported). */
  threads: number;
  embeddingDim: number;
  imageSize: { width: number; height: number };
  contextLength: number;
  /** Why the requested backend was not used (e.g. WebGPU failed and WASM took over). */
  fallbackReason: string | null;
  loadMs: number;
}

export type ImageResult =
  | { ok: true; embedding: Float32Array; width: number; height: number }
  | { ok: false; error: string };

export type PreprocessResult =
  | { ok: true; pixels: Float32Array; dims: [number, number, number] }
  | { ok: false; error: string };

export interface FrameResult {
  embedding: Float32Array;
  /** Milliseconds in the worker: pixel read-back + preprocessing + inference. */
  workerMs: number;
}

export interface TextResult {
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

export interface BackendNotice {
  kind: 'fallback';
  message: string;
  backend: Backend;
}

export interface ClipWorkerApi {
  capabilities(): Promise<Capabilities>;
  loadModel(request: LoadRequest, onProgress: (progress: FileProgress) => void, onNotice: (notice: BackendNotice) => void): Promise<LoadedModel>;
  /** Stop the model download in progress; its loadModel call fails with "Download cancelled". */
  cancelLoad(): void;
  /** Decode, preprocess and embed images; one result per input, in order; a bad file fails alone. */
  encodeImages(images: { name: string; blob: Blob }[]): Promise<ImageResult[]>;
  /**
   * What the vision tower sees: decoded and preprocessed `pixel_values` [3,H,W] per image (the same
   * code path as encodeImages), for showing the model's input and for checking parity.
   */
  preprocessImages(images: { name: string; blob: Blob }[]): Promise<PreprocessResult[]>;
  /**
   * Embed one camera frame (transferred, then closed here). Returns the L2-normalised embedding and
   * the worker-side time, so the UI can show per-frame latency.
   */
  encodeFrame(frame: ImageBitmap): Promise<FrameResult>;
  /**
   * Embed texts (already templated); cached by text, so unchanged labels cost nothing. Send a whole
   * label set in one call: the worker batches it by token length. `onProgress(done, total)` counts
   * unique texts. A call on a `channel` cancels the previous call on that channel.
   */
  encodeTexts(texts: string[], onProgress?: (done: number, total: number) => void, channel?: string): Promise<TextResult>;
  /** Stop the text encode on `channel` between two batches; it fails with "Encoding cancelled". */
  cancelTexts(channel: string): void;
}
