/**
 * The app's one set of stores, made from the page's URL with the real worker client, and the
 * React hooks that read them through selectors (a component re-renders only when what it selects
 * changes). `startApp` starts what runs on its own: the coordinator, worker events, the first load.
 */
import { useStore } from 'zustand';
import { openGalleryStorage } from '../gallery/galleryStorage';
import { createGalleryKeeping, keepGallery, type GalleryKeepingState } from '../gallery/persistGallery';
import { listCachedModels } from '../models/cachedModels';
import { catalogEntry } from '../../clip/catalog';
import { assessLoad } from '../../clip/sourcePolicy';
import { thumbnailUrl } from '../gallery/thumbnail';
import { bundledHost, bundledSource, catalogSource, preferSameOriginCopy } from '../models/sources';
import { WorkerClipClient } from '../worker/clipClient';
import { WorkerProbeClient } from '../worker/probeClient';
import { createAppState } from './appState';
import { startAppState } from './coordinator';
import type { GalleryState } from './galleryStore';
import type { LabelState } from './labelStore';
import type { ModelState } from './modelStore';
import { readRemembered } from './rememberedModels';
import { createStartNotice, loadAtStart, withRememberedModel, type StartNoticeState } from './startModel';
import type { ProbeState } from './probeStore';
import type { UiState } from './uiStore';
import { readAppParams } from './urlParams';

/** The URL's parameters, with the last model that worked when the URL names none. */
export const appParams = withRememberedModel(readAppParams(new URLSearchParams(location.search), bundledHost(), navigator.hardwareConcurrency || 1), readRemembered());

export const clipClient = new WorkerClipClient();

export const probeClient = new WorkerProbeClient();

export const appState = createAppState({
  client: clipClient,
  probeClient: () => probeClient,
  params: appParams,
  resolveSource: (source) => preferSameOriginCopy(source, appParams.setup.host !== null),
  // Links and the precision select are not consent: other hosts, unverified files and large
  // downloads are asked about before a single request (src/clip/sourcePolicy.ts).
  assess: (request) => assessLoad(request, location.href),
  // Cards show a small copy, not the full-resolution photo.
  makeThumbnail: thumbnailUrl,
});

/** Says when the start used another model than the one asked for (offline, hub unreachable). */
export const startNotice = createStartNotice();

export function useStartNotice<T>(selector: (state: StartNoticeState) => T): T {
  return useStore(startNotice, selector);
}

/** Whether the gallery is kept in this browser (IndexedDB) across reloads. */
export const galleryKeeping = createGalleryKeeping();

export function useGalleryKeeping<T>(selector: (state: GalleryKeepingState) => T): T {
  return useStore(galleryKeeping, selector);
}

export function useModelStore<T>(selector: (state: ModelState) => T): T {
  return useStore(appState.model, selector);
}

export function useLabelStore<T>(selector: (state: LabelState) => T): T {
  return useStore(appState.labels, selector);
}

export function useGalleryStore<T>(selector: (state: GalleryState) => T): T {
  return useStore(appState.gallery, selector);
}

export function useProbeStore<T>(selector: (state: ProbeState) => T): T {
  return useStore(appState.probe, selector);
}

export function useUiStore<T>(selector: (state: UiState) => T): T {
  return useStore(appState.ui, selector);
}

let started = false;

export function startApp(): void {
  if (started) return;
  started = true;
  void openGalleryStorage().then((storage) => keepGallery(appState.gallery, storage, galleryKeeping));
  startAppState(appState, {
    firstLoad: (state) =>
      loadAtStart(
        state,
        {
          online: () => navigator.onLine,
          cachedModels: listCachedModels,
          remembered: () => readRemembered(),
          catalogSource: (id) => (catalogEntry(id) ? catalogSource(id) : null),
          bundledSource,
        },
        startNotice,
      ),
  });
}
