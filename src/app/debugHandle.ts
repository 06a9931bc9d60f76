/**
 * With `?debug` in the URL, the worker client is reachable from the console (and from end-to-end
 * tests and benchmarks) as `window.clipClient` (and the probe worker's as `window.probeClient`), to call the same code the app uses, and the
 * stores as `window.appState`.
 */
import { appParams, appState, clipClient, probeClient } from './state';

export function exposeDebugHandle(): void {
  if (appParams.debug) Object.assign(window, { clipClient, probeClient, appState });
}
