/**
 * Which requests the worker answers, and how. A pure function of the request, so it can be tested
 * without a browser (routes.test.ts).
 */

/** The parts of a Request the decision depends on. */
export interface RouteRequest {
  method: string;
  url: string;
  mode: RequestMode;
  destination: RequestDestination;
}

/** Where the app lives (see scope.ts). */
export interface AppUrls {
  origin: string;
  assets: string;
  models: string;
}

/**
 * - 'navigation': a page load (network first, cached index.html as fallback)
 * - 'asset': a hashed build file (cache first)
 * - 'worker': a worker script outside assets/ (network, with isolation headers)
 * - null: not intercepted; the browser fetches it as if there were no service worker
 */
export type Route = 'navigation' | 'asset' | 'worker' | null;

export function routeFor(request: RouteRequest, app: AppUrls): Route {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== app.origin) return null; // the model hub and any other origin: untouched
  // The CLIP worker caches models itself (Cache API): storing them here too would double the
  // disk space of a 150 MB model.
  if (url.href.startsWith(app.models) || url.pathname.endsWith('.onnx')) return null;
  if (request.mode === 'navigate') return 'navigation';
  if (url.href.startsWith(app.assets)) return 'asset';
  // A worker script outside assets/ still needs COEP to stay isolated.
  if (request.destination === 'worker' || request.destination === 'sharedworker') return 'worker';
  return null;
}
