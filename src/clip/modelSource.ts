/**
 * Where a model's files live. A model is addressed like a Hugging Face hub repository; the same
 * layout can be served from any base URL (a same-origin copy, a lecture-room server).
 */
export interface ModelSource {
  /** Repository id, e.g. `Xenova/clip-vit-base-patch32`. */
  id: string;
  /** Base URL: the hub (`https://huggingface.co`) or a folder holding `{id}/{file}`. */
  host: string;
  /** Hub revision (branch, tag or commit); ignored for plain folders. */
  revision: string;
}

export const HUB_HOST = 'https://huggingface.co';
export const DEFAULT_MODEL_ID = 'Xenova/clip-vit-base-patch32';
/** The tiny coloured-shapes CLIP the app ships, so it can always be demonstrated. */
export const BUNDLED_MODEL_ID = 'clip-shapes-tiny';

/** The Cache API cache holding downloaded model files (written by the worker, listed by the page). */
export const MODEL_CACHE = 'clip-models-v1';

/** Weight precisions, named after the hub files' suffixes. */
export type Precision = 'fp32' | 'fp16' | 'q8';

const PRECISION_SUFFIX: Record<Precision, string> = { fp32: '', fp16: '_fp16', q8: '_quantized' };

/**
 * The hub, compared by exact origin: `https://evilhuggingface.co`, `http://huggingface.co` or
 * `https://huggingface.co.example` are other servers (see sourcePolicy.ts for what they may do).
 */
export function isHubHost(host: string): boolean {
  try {
    const url = new URL(host);
    return url.origin === HUB_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** URL of one file of a model: the hub's `/{id}/resolve/{revision}/{file}` or `{host}/{id}/{file}`. */
export function modelFileUrl(source: ModelSource, file: string): string {
  const host = source.host.replace(/\/+$/, '');
  return isHubHost(host) ? hubFileUrl(source, file) : `${host}/${source.id}/${file}`;
}

/** The hub's URL layout, `{host}/{id}/resolve/{revision}/{file}`, on any host (the hub or a mirror). */
export function hubFileUrl(source: ModelSource, file: string): string {
  return `${source.host.replace(/\/+$/, '')}/${source.id}/resolve/${encodeURIComponent(source.revision)}/${file}`;
}

export function onnxFileName(tower: 'vision' | 'text', precision: Precision): string {
  return `onnx/${tower}_model${PRECISION_SUFFIX[precision]}.onnx`;
}

export const CONFIG_FILES = {
  config: 'config.json',
  preprocessor: 'preprocessor_config.json',
  tokenizer: 'tokenizer.json',
  tokenizerConfig: 'tokenizer_config.json',
} as const;

/**
 * A model source from URL parameters: `?model=<id>&host=<base URL>&revision=<rev>`.
 * Without `host`, the bundled model comes from `bundledHost` and every other id from the hub.
 * Without `revision`, the catalog's pinned one (`pinnedRevision`), else `main`.
 */
export function modelSourceFromParams(
  params: URLSearchParams,
  bundledHost: string,
  pinnedRevision: (id: string) => string | undefined = () => undefined,
): ModelSource {
  const id = params.get('model')?.trim() || DEFAULT_MODEL_ID;
  const host = params.get('host')?.trim() || (id === BUNDLED_MODEL_ID ? bundledHost : HUB_HOST);
  return { id, host, revision: params.get('revision')?.trim() || pinnedRevision(id) || 'main' };
}

export function bundledModelSource(bundledHost: string): ModelSource {
  return { id: BUNDLED_MODEL_ID, host: bundledHost, revision: 'main' };
}
