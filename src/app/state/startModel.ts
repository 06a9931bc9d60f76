/**
 * The visit's first model, and what happens when it cannot be had:
 *
 * - A URL that names no model starts with the last model that worked in this browser (with its
 *   precision and backend), not the catalog's default: a lecturer's plain bookmark or QR code
 *   opens what they used last time.
 * - Offline (the browser says so), a model that is not in the browser's model cache is not even
 *   tried: another model that is (the last that worked first) loads at once, with a notice.
 * - When the first load fails for want of a network (the hub is unreachable from the lecture
 *   hall), the same fallback applies, and the bundled demo model, which the app's own server
 *   serves, is the last resort. No click needed; the notice names what was wanted and offers it.
 *
 * A model loaded as a fallback is not remembered as "the last that worked": the next visit tries
 * again what the person chose.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LoadRequest } from '../../../workers/api';
import { catalogEntry } from '../../clip/catalog';
import { BUNDLED_MODEL_ID, type ModelSource } from '../../clip/modelSource';
import type { CachedModel } from '../models/cachedModels';
import type { AppState } from './appState';
import type { ModelState } from './modelStore';
import { rememberWorked, sameSource, type RememberedModel } from './rememberedModels';
import type { AppParams } from './urlParams';

/** The visit's parameters: the URL's model if it names one, else the last model that worked. */
export function withRememberedModel(params: AppParams, remembered: readonly RememberedModel[]): AppParams {
  const { setup } = params;
  const last = remembered[0];
  if (!last || setup.model !== null || setup.host !== null || setup.revision !== null) return params;
  return {
    ...params,
    source: last.source,
    // A backend or precision the URL names still wins: it was chosen for this link.
    backend: setup.backend !== null ? params.backend : last.backend,
    precision: setup.precision !== null ? params.precision : last.precision,
  };
}

/** Ids of models stored whole in this browser (configs, tokenizer and both towers of one backend). */
export function completeModelIds(cached: readonly CachedModel[]): Set<string> {
  return new Set(cached.filter((c) => c.complete).map((c) => c.id));
}

export interface StartDeps {
  /** `navigator.onLine`: false means surely offline (true only means "maybe"). */
  online: () => boolean;
  cachedModels: () => Promise<CachedModel[]>;
  remembered: () => RememberedModel[];
  /** A catalog model's usual source; null for ids outside the catalog. */
  catalogSource: (id: string) => ModelSource | null;
  bundledSource: () => ModelSource;
}

/**
 * What to load instead of `wanted`: a model that worked before and is cached, else any cached
 * catalog model, else (when `bundledUsable`) the bundled one; null when there is nothing to try.
 */
export function fallbackFor(wanted: LoadRequest, complete: ReadonlySet<string>, deps: Pick<StartDeps, 'remembered' | 'catalogSource' | 'bundledSource'>, bundledUsable: boolean): LoadRequest | null {
  const extra = wanted.threads !== undefined ? { threads: wanted.threads } : {};
  for (const m of deps.remembered()) {
    if (m.source.id !== wanted.source.id && complete.has(m.source.id)) return { source: m.source, backend: m.backend, precision: m.precision, ...extra };
  }
  for (const id of [...complete].sort()) {
    const source = id === wanted.source.id ? null : id === BUNDLED_MODEL_ID ? deps.bundledSource() : deps.catalogSource(id);
    if (source) return { source, backend: wanted.backend, precision: 'auto', ...extra };
  }
  if (bundledUsable && wanted.source.id !== BUNDLED_MODEL_ID) return { source: deps.bundledSource(), backend: wanted.backend, precision: 'auto', ...extra };
  return null;
}

/** Shown while a fallback is in use. */
export interface StartNoticeState {
  message: string | null;
  /** What the visit asked for, to load it once the network is back. */
  wanted: LoadRequest | null;
  dismiss: () => void;
}

export function createStartNotice(): StoreApi<StartNoticeState> {
  return createStore<StartNoticeState>((set) => ({
    message: null,
    wanted: null,
    dismiss: () => set({ message: null, wanted: null }),
  }));
}

function modelName(id: string): string {
  return id === BUNDLED_MODEL_ID ? 'the bundled demo model (coloured shapes)' : (catalogEntry(id)?.name ?? id);
}

export function fallbackMessage(reason: 'offline' | 'unreachable', wanted: LoadRequest, used: LoadRequest, fromCache: boolean): string {
  const instead = `${modelName(used.source.id)}${fromCache ? ', stored in this browser,' : ''}`;
  const host = (() => {
    try {
      return new URL(wanted.source.host).host;
    } catch {
      return wanted.source.host;
    }
  })();
  return reason === 'offline'
    ? `You are offline and ${modelName(wanted.source.id)} is not stored in this browser: using ${instead} instead.`
    : `${modelName(wanted.source.id)} could not be downloaded (no connection to ${host}): using ${instead} instead.`;
}

/**
 * Remembers every model that becomes the one in use, except a fallback, and clears the notice
 * once the person loads a model of their own. Returns the function that marks a fallback load.
 */
function watchLoads(model: StoreApi<ModelState>, notice: StoreApi<StartNoticeState>, remember: (request: LoadRequest) => void) {
  let fallback: LoadRequest | null = null;
  let fallbackLoad = -1;
  model.subscribe((now, before) => {
    if (notice.getState().message !== null && now.loadCount > fallbackLoad && now.loadCount !== before.loadCount) notice.getState().dismiss();
    const active = now.active;
    if (!active || active.model.generation === before.active?.model.generation) return;
    if (fallback && sameSource(active.request.source, fallback.source) && now.loadCount === fallbackLoad) return;
    remember(active.request);
  });
  return (request: LoadRequest) => {
    fallback = request;
    fallbackLoad = model.getState().loadCount + 1; // the load about to start
  };
}

/** The first load of the visit (the coordinator's `firstLoad`). */
export async function loadAtStart(state: AppState, deps: StartDeps, notice: StoreApi<StartNoticeState>, remember: (request: LoadRequest) => void = rememberWorked): Promise<void> {
  const { model } = state;
  const wanted = state.initialRequest;
  const markFallback = watchLoads(model, notice, remember);
  const completeIds = async () => completeModelIds(await deps.cachedModels().catch(() => []));

  const loadFallback = async (reason: 'offline' | 'unreachable', complete: ReadonlySet<string>) => {
    const fallback = fallbackFor(wanted, complete, deps, reason === 'unreachable' || complete.has(BUNDLED_MODEL_ID));
    if (!fallback) return false;
    markFallback(fallback);
    await model.getState().load(fallback);
    const active = model.getState().active;
    if (active && sameSource(active.request.source, fallback.source)) {
      notice.setState({ message: fallbackMessage(reason, wanted, fallback, complete.has(fallback.source.id)), wanted });
    }
    return true;
  };

  if (!deps.online()) {
    const complete = await completeIds();
    if (!complete.has(wanted.source.id) && (await loadFallback('offline', complete))) return;
  }
  const started = model.getState().load();
  const loads = model.getState().loadCount;
  await started;
  const after = model.getState();
  // Nothing to do if it worked, or failed for another reason, or the person has moved on.
  if (after.active || after.loadCount !== loads || after.failure?.error.kind !== 'network') return;
  await loadFallback(deps.online() ? 'unreachable' : 'offline', await completeIds());
}
