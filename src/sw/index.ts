/*
 * The app's service worker (built into dist/sw.js by vite.config.ts; registered by
 * src/app/serviceWorker.ts in production builds only): the app shell offline, and cross-origin
 * isolation on any static host.
 *
 * - Offline: index.html and the hashed build files under assets/ (JS, CSS, the worker chunk and
 *   onnxruntime-web's WASM runtime) are kept in a cache named after the build (buildCache.ts).
 *   onnxruntime's WebGPU files (`webgpu` in the manifest, 27 MB) are not fetched ahead: they are
 *   cached when a browser on WebGPU first loads them. Navigations go to the network first and
 *   fall back to the cached index.html after a short timeout (navigation.ts); assets/* are
 *   immutable (content-hashed names) and served cache-first (assets.ts).
 * - Updates never blank a page: a new build waits (no skipWaiting) until the user takes the
 *   page's "Update ready — Reload" or every tab of the old one is closed, and each build's cache
 *   is kept until no page that may run it is open (buildCache.ts), so a tab open across a deploy
 *   still gets its lazily loaded chunks.
 * - Model files are NOT cached here: the CLIP worker keeps them itself in the Cache API
 *   ('clip-models-v1'); requests under models/ and any .onnx pass straight to the network.
 * - Isolation: every response served here carries COOP same-origin and COEP require-corp
 *   (isolation.ts), so the page and its module workers (and onnxruntime's pthread workers) are
 *   crossOriginIsolated and WASM threads work even where the host cannot set headers (GitHub
 *   Pages). The page reloads itself once when the worker first takes control
 *   (src/app/serviceWorker.ts).
 * - Cross-origin requests (the model hub) are never intercepted (routes.ts).
 *
 * The build's id and file lists come from sw-manifest.js (manifest.ts), written by the build.
 */
import { collectOldBuilds, noteOldBuildClients, precacheShell, warm } from './buildCache';
import { MANIFEST } from './manifest';
import { navigate } from './navigation';
import { serveAsset } from './assets';
import { isolated } from './isolation';
import { routeFor } from './routes';
import { sw, urls } from './scope';

sw.addEventListener('install', (event) => {
  // No skipWaiting: a new build waits while pages of the old one are open, and the page offers
  // "Update ready — Reload" (src/app/serviceWorker.ts), which sends 'skip-waiting'. The first
  // install has nothing to wait for and activates at once.
  event.waitUntil(precacheShell());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // The pages open now may run an earlier build: its cache stays until they are gone.
      await noteOldBuildClients();
      // Control the pages that are already open: the page's isolation reload waits for this.
      await sw.clients.claim();
      await collectOldBuilds();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null || !('type' in data)) return;
  // The page asks for the big runtime files once it is running (src/app/serviceWorker.ts); the
  // WebGPU runtime too where the browser has a real GPU, so a deploy cannot take it away later.
  if (data.type === 'warm') {
    const webgpu = 'webgpu' in data && data.webgpu === true;
    event.waitUntil(
      warm(webgpu)
        .then(collectOldBuilds)
        .then(() => event.source?.postMessage({ type: 'warmed', build: MANIFEST.build })),
    );
  }
  // The user chose "Reload" on the update prompt.
  if (data.type === 'skip-waiting') event.waitUntil(sw.skipWaiting());
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  switch (routeFor(request, urls)) {
    case 'navigation':
      event.respondWith(navigate(request));
      // A page load is when earlier pages have gone: their builds' caches may go too.
      event.waitUntil(collectOldBuilds());
      break;
    case 'asset':
      event.respondWith(serveAsset(request));
      break;
    case 'worker':
      event.respondWith(fetch(request).then(isolated));
      break;
    case null:
      break; // not ours: the browser fetches it as usual
  }
});
