/**
 * Registers the service worker (src/sw/ → sw.js) in production builds: it keeps the app shell and
 * onnxruntime's runtime for offline use, and adds the COOP/COEP headers that static hosts such as
 * GitHub Pages cannot send, so WASM can use threads there too.
 *
 * A page is isolated only if its own navigation response carried the headers, so on the first
 * visit to a header-less host the page reloads once, as soon as the worker controls it. A
 * sessionStorage flag stops reload loops where a browser still refuses isolation.
 */
const RELOAD_FLAG = 'clip-sw-isolation-reload';

function reloadForIsolation(): void {
  if (window.crossOriginIsolated) return;
  try {
    if (sessionStorage.getItem(RELOAD_FLAG)) return; // reloaded once already: isolation is not coming
    sessionStorage.setItem(RELOAD_FLAG, '1');
  } catch {
    return; // no sessionStorage, no loop guard: do not risk reloading forever
  }
  location.reload();
}

/** Asks the worker to cache the build's remaining runtime files (onnxruntime's .wasm). */
function warm(worker: ServiceWorker | null | undefined): void {
  worker?.postMessage({ type: 'warm' });
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  if (window.crossOriginIsolated) {
    try {
      sessionStorage.removeItem(RELOAD_FLAG);
    } catch {
      // storage disabled: nothing to clear
    }
  }
  const container = navigator.serviceWorker;
  container.addEventListener('controllerchange', () => {
    reloadForIsolation();
    warm(container.controller);
  });
  const base = import.meta.env.BASE_URL;
  container
    .register(`${base}sw.js`, { scope: base, updateViaCache: 'none' })
    .then((registration) => {
      if (container.controller) {
        warm(container.controller);
      } else if (registration.active) {
        // Active but not in control: a hard reload (Shift+reload bypasses service workers).
        reloadForIsolation();
      }
    })
    .catch((error: unknown) => {
      console.warn('Service worker registration failed: no offline use, and no WASM threads without COOP/COEP headers.', error);
    });
}
