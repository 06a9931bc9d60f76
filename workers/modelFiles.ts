/**
 * Everything one model needs: configs, tokenizer and the two ONNX towers, read through a
 * `ModelFiles` (in the worker: the Cache API, else the network; in Node tests: a folder).
 */
import { CONFIG_FILES, modelFileUrl, onnxFileName, type ModelSource, type Precision } from '../src/clip/modelSource';
import type { FileProgress } from './api';
import { ClipError } from './errors';

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: FileProgress) => void;
}

/**
 * Where the files of one model come from, for one load. A store that keeps files (the worker's
 * cache) keeps an unverified file only once the load has made something of it: `keep` after
 * success, `discard` after failure. Stores that keep nothing (a folder in tests) leave them out.
 */
export interface ModelFiles {
  readonly source: ModelSource;
  /** One file's bytes; fails with a ClipError (`network`, `http`, `integrity`, `limit`, `cancelled`) naming the file. */
  read(file: string, options?: ReadOptions): Promise<Uint8Array>;
  /** Whether a read of this file checks it against a pinned size and SHA-256 (absent: never). */
  pinned?(file: string): boolean;
  /** Whether a file this load read is held back until the load proves it usable (it has no pin). */
  awaitsProof?(file: string): boolean;
  /** The load succeeded using these files: keep those held back. Resolves once stored (or refused: full storage). */
  keep?(files: string[]): Promise<void>;
  /** The load failed: keep nothing held back, and drop a kept copy the error names as unusable. */
  discard?(error: unknown): Promise<void>;
  /**
   * The reader is done with bytes `read` gave it (onnxruntime holds its own copy of the weights):
   * the store frees them now (a file it still holds back for the cache is first copied into a
   * Blob). A tower is 60–90 MB that the garbage collector of a worker's small heap frees only
   * seconds later, while the renderer's peak counts them. The caller must not touch the bytes again.
   */
  release?(bytes: Uint8Array): void;
}

/** The worker's: the browser's model cache, else a download verified against the catalog's pins. */
export { cachedModelFiles } from './cachedModelFiles';

export interface ModelConfigs {
  config: Record<string, unknown>;
  preprocessor: unknown;
  tokenizer: object;
  tokenizerConfig: object | undefined;
}

export async function fetchConfigs(files: ModelFiles, options: ReadOptions = {}): Promise<ModelConfigs> {
  const getObject = async (file: string): Promise<Record<string, unknown>> => {
    const bytes = await files.read(file, options);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      throw invalidFile(file, `${file} is not valid JSON (${modelFileUrl(files.source, file)})`, error);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw invalidFile(file, `${file} does not hold a JSON object (${modelFileUrl(files.source, file)})`);
    }
    return json as Record<string, unknown>;
  };
  const [config, preprocessor, tokenizer, tokenizerConfig] = await Promise.all([
    getObject(CONFIG_FILES.config),
    getObject(CONFIG_FILES.preprocessor),
    getObject(CONFIG_FILES.tokenizer),
    // Optional: only the special tokens come from here, and the tokenizer knows defaults.
    getObject(CONFIG_FILES.tokenizerConfig).catch((error: unknown) => {
      if (error instanceof ClipError && error.kind === 'http' && error.status === 404) return undefined;
      throw error;
    }),
  ]);
  return { config, preprocessor, tokenizer, tokenizerConfig };
}

export function fetchTowerFile(files: ModelFiles, tower: 'vision' | 'text', precision: Precision, options: ReadOptions = {}): Promise<Uint8Array> {
  return files.read(onnxFileName(tower, precision), options);
}

/** A model file that arrived but cannot be used. */
export function invalidFile(file: string, message: string, cause?: unknown): ClipError {
  return new ClipError({ kind: 'invalid-model', message, file }, { cause });
}
