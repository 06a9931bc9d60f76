/** Page-level display state: the open view and presentation mode. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { View } from './views';

export interface UiState {
  view: View;
  presenting: boolean;
  setView: (view: View) => void;
  setPresenting: (on: boolean) => void;
}

export function createUiStore(initial: { view: View; presenting: boolean }): StoreApi<UiState> {
  return createStore<UiState>((set) => ({
    ...initial,
    setView: (view) => set({ view }),
    setPresenting: (presenting) => set({ presenting }),
  }));
}
