/**
 * The app's one set of stores, made from the page's URL with the real worker client, and the
 * React hooks that read them through selectors (a component re-renders only when what it selects
 * changes). `startApp` starts what runs on its own: the coordinator, worker events, the first load.
 */
import { useStore } from 'zustand';
import { bundledHost, preferSameOriginCopy } from '../models/sources';
import { WorkerClipClient } from '../worker/clipClient';
import { createAppState } from './appState';
import { startAppState } from './coordinator';
import type { GalleryState } from './galleryStore';
import type { LabelState } from './labelStore';
import type { ModelState } from './modelStore';
import type { UiState } from './uiStore';
import { readAppParams } from './urlParams';

export const appParams = readAppParams(new URLSearchParams(location.search), bundledHost(), navigator.hardwareConcurrency || 1);

export const clipClient = new WorkerClipClient();

export const appState = createAppState({
  client: clipClient,
  params: appParams,
  resolveSource: (source) => preferSameOriginCopy(source, appParams.setup.host !== null),
});

export function useModelStore<T>(selector: (state: ModelState) => T): T {
  return useStore(appState.model, selector);
}

export function useLabelStore<T>(selector: (state: LabelState) => T): T {
  return useStore(appState.labels, selector);
}

export function useGalleryStore<T>(selector: (state: GalleryState) => T): T {
  return useStore(appState.gallery, selector);
}

export function useUiStore<T>(selector: (state: UiState) => T): T {
  return useStore(appState.ui, selector);
}

let started = false;

export function startApp(): void {
  if (started) return;
  started = true;
  startAppState(appState);
}
