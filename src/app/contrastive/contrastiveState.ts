/** The app's one contrastive store, with the page's worker client, and its React hook. */
import { useStore } from 'zustand';
import { appState } from '../state';
import { createContrastiveStore, type ContrastiveState } from './contrastiveStore';

export const contrastiveStore = createContrastiveStore({ client: appState.client });

export function useContrastiveStore<T>(selector: (state: ContrastiveState) => T): T {
  return useStore(contrastiveStore, selector);
}
