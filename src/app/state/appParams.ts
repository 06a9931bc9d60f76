/** What the page's URL asks for: which model, from where, on which backend. */
import { bundledModelSource, CONFIG_FILES, isHubHost, modelFileUrl, modelSourceFromParams, type ModelSource, type Precision } from '../../clip/modelSource';
import { catalogEntry } from '../../clip/catalog';
import type { BackendChoice } from '../../../workers/api';

/** The bundled demo model is served by the app itself, next to index.html. */
export function bundledHost(): string {
  return new URL(`${import.meta.env.BASE_URL}models`, location.href).href;
}

export function initialSource(): ModelSource {
  return modelSourceFromParams(new URLSearchParams(location.search), bundledHost(), (id) => catalogEntry(id)?.revision);
}

export function bundledSource(): ModelSource {
  return bundledModelSource(bundledHost());
}

export function initialBackend(): BackendChoice {
  const value = new URLSearchParams(location.search).get('backend');
  return value === 'wasm' || value === 'webgpu' ? value : 'auto';
}

/** `?threads=N` pins the WASM thread count (for benchmarks and comparisons); default: every core. */
export function initialThreads(): number | undefined {
  const value = Number(new URLSearchParams(location.search).get('threads'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * A hub model that a lecturer copied next to the app (`npm run models:fetch`) is loaded from
 * there: same files, no dependency on the hub or the venue's uplink. An explicit `?host=` wins.
 */
export async function preferSameOriginCopy(source: ModelSource): Promise<ModelSource> {
  if (!isHubHost(source.host) || new URLSearchParams(location.search).has('host')) return source;
  const local = { ...source, host: bundledHost() };
  try {
    const response = await fetch(modelFileUrl(local, CONFIG_FILES.config), { method: 'HEAD' });
    const type = response.headers.get('content-type') ?? '';
    return response.ok && type.includes('json') ? local : source;
  } catch {
    return source;
  }
}

/** `?precision=fp32|fp16|q8` overrides the automatic choice (8-bit on WASM, fp16/fp32 on WebGPU). */
export function initialPrecision(): Precision | 'auto' {
  const value = new URLSearchParams(location.search).get('precision');
  return value === 'fp32' || value === 'fp16' || value === 'q8' ? value : 'auto';
}
