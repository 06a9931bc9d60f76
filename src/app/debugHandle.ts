/**
 * With `?debug` in the URL, the worker handle is reachable from the console (and from end-to-end
 * tests) as `window.clipWorker`, to call the same code the app uses.
 */
import { clipWorker } from './worker/clipWorker';

export function exposeDebugHandle(): void {
  if (new URLSearchParams(location.search).has('debug')) {
    (window as unknown as { clipWorker: ReturnType<typeof clipWorker> }).clipWorker = clipWorker();
  }
}
