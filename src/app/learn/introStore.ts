/** Whether the "What is CLIP?" panel is open: open until dismissed, then on request (remembered). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { browserStorage, type KeyValueStorage } from '../state/rememberedModels';

export const INTRO_DISMISSED_KEY = 'clip-intro-dismissed';

export interface IntroState {
  open: boolean;
  /** Opened on request (the header's button), not just never dismissed: projector mode shows only that. */
  requested: boolean;
  show: () => void;
  /** Closes it, and remembers that this browser has seen it. */
  dismiss: () => void;
}

export function createIntroStore(storage: KeyValueStorage | null = browserStorage()): StoreApi<IntroState> {
  let seen = false;
  try {
    seen = storage?.getItem(INTRO_DISMISSED_KEY) === '1';
  } catch {
    // blocked storage: show it, as to anyone new
  }
  return createStore<IntroState>((set) => ({
    open: !seen,
    requested: false,
    show: () => set({ open: true, requested: true }),
    dismiss: () => {
      try {
        storage?.setItem(INTRO_DISMISSED_KEY, '1');
      } catch {
        // not remembered: it shows again on the next visit
      }
      set({ open: false, requested: false });
    },
  }));
}

/** The app's one. */
export const intro = createIntroStore();
