/**
 * Registers the service worker (src/sw/ → sw.js) in production builds: it keeps the app shell and
 * onnxruntime's runtime for offline use, and adds the COOP/COEP headers that static hosts such as
 * GitHub Pages cannot send, so WASM can use threads there too.
 *
 * A page is isolated only if its own navigation response carried the headers, so on the first
 * visit to a header-less host the page reloads once, as soon as the worker controls it. A
 * sessionStorage flag stops reload loops where a browser still refuses isolation.
 *
 * Updates: a new build's worker waits while this page runs the old one (the old build keeps
 * working: its files stay cached), and the page shows "Update ready — Reload"
 * (src/app/update/). Reload tells the waiting worker to take over, then reloads. A lazily loaded
 * file of this build that the server no longer has (a deploy, no service worker) shows the same
 * prompt instead of leaving the page half broken.
 */
import { announceUpdate } from './update/updateStore';

const RELOAD_FLAG = 'clip-sw-isolation-reload';

/** Set when the user asked for the update: the next controller change reloads the page. */
let reloadOnControllerChange = false;

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

/** A real GPU (not a software adapter) means this browser will run onnxruntime's WebGPU build. */
async function hasRealGpu(): Promise<boolean> {
  try {
    const adapter = await navigator.gpu?.requestAdapter();
    if (!adapter) return false;
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    return !info.isFallbackAdapter && !/swiftshader|llvmpipe|software/i.test(`${info.vendor} ${info.architecture} ${info.description}`);
  } catch {
    return false;
  }
}

/** Asks the worker to cache the build's remaining runtime files (onnxruntime's .wasm, and WebGPU's where it will be used). */
function warm(worker: ServiceWorker | null | undefined): void {
  if (!worker) return;
  void hasRealGpu().then((webgpu) => worker.postMessage({ type: 'warm', webgpu }));
}

/** Tells the page when a new build's worker is installed and waiting. */
function watchForUpdates(registration: ServiceWorkerRegistration, container: ServiceWorkerContainer): void {
  const announceIfWaiting = () => {
    // Only an update: on a first install there is no old build to leave.
    if (registration.waiting && container.controller) announceUpdate('new-build');
  };
  announceIfWaiting();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') announceIfWaiting();
    });
  });
}

/** "Reload" on the update prompt: the waiting build takes over, then the page reloads into it. */
export function reloadIntoUpdate(): void {
  const waiting = import.meta.env.PROD && 'serviceWorker' in navigator ? navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null) : Promise.resolve(null);
  void waiting.then((worker) => {
    if (!worker) {
      location.reload();
      return;
    }
    reloadOnControllerChange = true;
    worker.postMessage({ type: 'skip-waiting' });
    // If the worker cannot take over (it became redundant), reload anyway.
    setTimeout(() => location.reload(), 3000);
  });
}

export function registerServiceWorker(): void {
  // Vite's event for a lazily loaded file (a view, a chunk) that failed to load: after a deploy
  // without a service worker the server no longer has this build's files.
  window.addEventListener('vite:preloadError', () => announceUpdate('stale-files'));
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
    if (reloadOnControllerChange) {
      location.reload();
      return;
    }
    reloadForIsolation();
    warm(container.controller);
  });
  const base = import.meta.env.BASE_URL;
  container
    .register(`${base}sw.js`, { scope: base, updateViaCache: 'none' })
    .then((registration) => {
      watchForUpdates(registration, container);
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
