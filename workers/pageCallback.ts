/**
 * A callback from the page (a Comlink proxy over its own MessagePort), used for the length of one
 * call: calls after `release()` are dropped, a failing page callback cannot fail the worker's
 * work, and `release()` closes the proxy's port (Comlink keeps it open until then).
 */
import { releaseProxy } from 'comlink';

export interface PageCallback<A extends unknown[]> {
  call: (...args: A) => void;
  release: () => void;
}

export function pageCallback<A extends unknown[]>(callback: (...args: A) => unknown): PageCallback<A> {
  let open = true;
  return {
    call: (...args) => {
      if (!open) return;
      try {
        // Through Comlink the call returns a promise: a page-side failure must not go unhandled here.
        void Promise.resolve(callback(...args)).catch(() => undefined);
      } catch {
        // The page's port is gone: nothing to tell.
      }
    },
    release: () => {
      if (!open) return;
      open = false;
      (callback as Partial<Record<typeof releaseProxy, () => void>>)[releaseProxy]?.();
    },
  };
}
