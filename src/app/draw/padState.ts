/** The app's one drawing pad store and its React hook. */
import { useStore } from 'zustand';
import { createPadStore, type PadState } from './padStore';

export const padStore = createPadStore();

export function usePadStore<T>(selector: (state: PadState) => T): T {
  return useStore(padStore, selector);
}
