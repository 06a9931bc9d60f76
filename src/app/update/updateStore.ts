/**
 * Whether a newer build of the app is ready, and how to switch to it. The service worker keeps
 * the running build working (src/sw/buildCache.ts), so switching is the user's choice: a prompt,
 * never a reload in the middle of a lesson.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type UpdateReason =
  /** A new build's service worker is installed and waits for this page. */
  | 'new-build'
  /** A file of this build could not be loaded: the server has a newer build and not this one's files. */
  | 'stale-files';

export interface UpdateState {
  ready: UpdateReason | null;
}

export const updateStore = createStore<UpdateState>(() => ({ ready: null }));

export function useUpdateReady(): UpdateReason | null {
  return useStore(updateStore, (s) => s.ready);
}

export function announceUpdate(reason: UpdateReason): void {
  // A missing file is the more urgent news: it stays once seen.
  if (updateStore.getState().ready !== 'stale-files') updateStore.setState({ ready: reason });
}
