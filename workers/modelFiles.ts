/** Downloading everything one model needs: configs, tokenizer and the two ONNX towers. */
import { catalogEntry } from '../src/clip/catalog';
import { CONFIG_FILES, modelFileUrl, onnxFileName, type ModelSource, type Precision } from '../src/clip/modelSource';
import type { FileProgress } from './api';
import { DownloadError } from './download';
import { fetchModelFile } from './modelCache';

export interface FetchContext {
  source: ModelSource;
  onProgress: (p: FileProgress) => void;
  signal?: AbortSignal;
}

function fetchFile(context: FetchContext, file: string): Promise<Uint8Array> {
  const { source, onProgress, signal } = context;
  // Pinned sizes and hashes only hold for the revision the catalog names.
  const entry = catalogEntry(source.id);
  const integrity = entry && entry.revision === source.revision ? entry.integrity?.[file] : undefined;
  return fetchModelFile(modelFileUrl(source, file), file, { onProgress, signal, integrity, modelId: source.id });
}

export interface ModelConfigs {
  config: Record<string, unknown>;
  preprocessor: unknown;
  tokenizer: object;
  tokenizerConfig: object | undefined;
}

export async function fetchConfigs(context: FetchContext): Promise<ModelConfigs> {
  const get = async (file: string) => {
    const bytes = await fetchFile(context, file);
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch {
      throw new DownloadError(file, `${file} is not valid JSON (${modelFileUrl(context.source, file)})`);
    }
  };
  const [config, preprocessor, tokenizer, tokenizerConfig] = await Promise.all([
    get(CONFIG_FILES.config),
    get(CONFIG_FILES.preprocessor),
    get(CONFIG_FILES.tokenizer),
    // Optional: only the pad token comes from here, and the tokenizer knows a default.
    get(CONFIG_FILES.tokenizerConfig).catch((error: unknown) => {
      if (error instanceof DownloadError && /HTTP 404|web page/.test(error.message)) return undefined;
      throw error;
    }),
  ]);
  return {
    config: config as Record<string, unknown>,
    preprocessor,
    tokenizer: tokenizer as object,
    tokenizerConfig: tokenizerConfig as object | undefined,
  };
}

export function fetchTowerFile(context: FetchContext, tower: 'vision' | 'text', precision: Precision): Promise<Uint8Array> {
  return fetchFile(context, onnxFileName(tower, precision));
}
