/** Downloading everything one model needs: configs, tokenizer and the two ONNX towers. */
import type { TowerPrecisions } from '../src/clip/catalog';
import { CONFIG_FILES, modelFileUrl, onnxFileName, type ModelSource } from '../src/clip/modelSource';
import type { FileProgress } from './api';
import { DownloadError } from './download';
import { fetchModelFile } from './modelCache';

export interface ModelConfigs {
  config: Record<string, unknown>;
  preprocessor: unknown;
  tokenizer: object;
  tokenizerConfig: object | undefined;
}

export async function fetchConfigs(source: ModelSource, onProgress: (p: FileProgress) => void): Promise<ModelConfigs> {
  const get = async (file: string) => {
    const url = modelFileUrl(source, file);
    const bytes = await fetchModelFile(url, file, { onProgress });
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch {
      throw new DownloadError(file, `${file} is not valid JSON (${url})`);
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

export interface TowerFiles {
  vision: Uint8Array;
  text: Uint8Array;
}

export async function fetchTowers(source: ModelSource, precisions: TowerPrecisions, onProgress: (p: FileProgress) => void): Promise<TowerFiles> {
  const get = (tower: 'vision' | 'text') => {
    const file = onnxFileName(tower, precisions[tower]);
    return fetchModelFile(modelFileUrl(source, file), file, { onProgress });
  };
  const [vision, text] = await Promise.all([get('vision'), get('text')]);
  return { vision, text };
}
