/** Where the app finds models: its own bundled copy, the hub, or a same-origin copy of a hub model. */
import { catalogEntry } from '../../clip/catalog';
import { bundledModelSource, BUNDLED_MODEL_ID, CONFIG_FILES, HUB_HOST, isHubHost, modelFileUrl, type ModelSource } from '../../clip/modelSource';

/** The bundled demo model is served by the app itself, next to index.html. */
export function bundledHost(): string {
  return new URL(`${import.meta.env.BASE_URL}models`, location.href).href;
}

export function bundledSource(): ModelSource {
  return bundledModelSource(bundledHost());
}

/** A catalog model from its usual place: the app for the bundled one, else the hub at the pinned revision. */
export function catalogSource(id: string): ModelSource {
  return { id, host: id === BUNDLED_MODEL_ID ? bundledHost() : HUB_HOST, revision: catalogEntry(id)?.revision ?? 'main' };
}

/**
 * A hub model that a lecturer copied next to the app (`npm run models:fetch`) is loaded from
 * there: same files, no dependency on the hub or the venue's uplink. A host the URL names
 * explicitly (`explicitHost`) wins.
 */
export async function preferSameOriginCopy(source: ModelSource, explicitHost: boolean): Promise<ModelSource> {
  if (!isHubHost(source.host) || explicitHost) return source;
  const local = { ...source, host: bundledHost() };
  try {
    const response = await fetch(modelFileUrl(local, CONFIG_FILES.config), { method: 'HEAD' });
    const type = response.headers.get('content-type') ?? '';
    return response.ok && type.includes('json') ? local : source;
  } catch {
    return source;
  }
}
