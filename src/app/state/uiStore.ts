/** Page-level display state: the current view and presentation mode. */
import { create } from 'zustand';

export type View = 'images' | 'camera' | 'insights';

interface UiState {
  view: View;
  presenting: boolean;
  setView(view: View): void;
  setPresenting(on: boolean): void;
}

export const useUiStore = create<UiState>((set) => ({
  view: 'images',
  presenting: new URLSearchParams(location.search).has('present'),
  setView: (view) => set({ view }),
  setPresenting: (presenting) => set({ presenting }),
}));
