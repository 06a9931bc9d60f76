/*
 * The app's service worker: the app shell offline, and cross-origin isolation on any static host.
 *
 * - Offline: index.html and the hashed build files under assets/ (JS, CSS, the worker chunk and
 *   onnxruntime-web's WASM runtime) are kept in a cache named after the build. onnxruntime's
 *   WebGPU files (`webgpu` in the manifest, 27 MB) are not fetched ahead: they are cached when a
 *   browser on WebGPU first loads them. Navigations go to the network first and fall back to the
 *   cached index.html after a short timeout; assets/* are immutable (content-hashed names) and
 *   served cache-first.
 * - Model files are NOT cached here: the CLIP worker keeps them itself in the Cache API
 *   ('clip-models-v1'); requests under models/ and any .onnx pass straight to the network.
 * - Isolation: every response served here carries COOP same-origin and COEP require-corp, so the
 *   page and its module workers (and onnxruntime's pthread workers) are crossOriginIsolated and
 *   WASM threads work even where the host cannot set headers (GitHub Pages). The page reloads
 *   itself once when the worker first takes control (src/app/serviceWorker.ts).
 * - Cross-origin requests (the model hub) are never intercepted.
 *
 * sw-manifest.js is written by the build (vite.config.ts): `self.__CLIP_SW__ = { build, shell, runtime, webgpu }`.
 * Its bytes change with every build, which is what makes the browser install a new worker.
 */
/* global self, caches, fetch, Request, Response, Headers, URL, setTimeout, clearTimeout, importScripts */
importScripts('sw-manifest.js');

const MANIFEST = self.__CLIP_SW__ || { build: 'dev', shell: [], runtime: [] };
const PREFIX = 'clip-app-';
const CACHE = PREFIX + MANIFEST.build;
const NAVIGATION_TIMEOUT_MS = 3000;
const BASE = new URL('./', self.location.href);
const INDEX = new URL('index.html', BASE).href;
const ASSETS = new URL('assets/', BASE).href;
const MODELS = new URL('models/', BASE).href;

const absolute = (file) => new URL(file, BASE).href;

self.addEventListener('install', (event) => {
  // Only the small shell blocks installation, so a first visit on a header-less host gets its
  // isolation reload quickly; the big .wasm runtime files follow in the background (warm()).
  event.waitUntil(
    caches
      .open(CACHE)
      // 'no-cache': never take index.html from a stale HTTP cache (it must match this build).
      .then((cache) => cache.addAll(MANIFEST.shell.map((file) => new Request(absolute(file), { cache: 'no-cache' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

/** Caches every file of this build that is not cached yet (the runtime files used offline). */
async function warm() {
  const cache = await caches.open(CACHE);
  for (const file of [...MANIFEST.shell, ...MANIFEST.runtime]) {
    const url = absolute(file);
    if (await cache.match(url, { ignoreVary: true })) continue;
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (response.ok) await cache.put(url, response);
    } catch {
      return; // offline or the server went away: try again on the next visit
    }
  }
}

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'warm') {
    event.waitUntil(
      warm().then(() => event.source && event.source.postMessage({ type: 'warmed', build: MANIFEST.build })),
    );
  }
});

/** The same response with the headers that make the page and its workers cross-origin isolated. */
function isolated(response) {
  // Opaque and opaque-redirect responses (status 0) cannot be rewritten, nor do they need it.
  if (!response || response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function navigate(request) {
  const network = fetch(request);
  const cached = caches.match(INDEX, { cacheName: CACHE, ignoreVary: true });
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, NAVIGATION_TIMEOUT_MS, 'timeout');
  });
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== 'timeout') return isolated(first);
    // Slow network (lecture-hall Wi-Fi): the cached shell, or keep waiting if there is none.
    return isolated((await cached) || (await network));
  } catch {
    const fallback = await cached;
    if (fallback) return isolated(fallback);
    throw new Error('offline and no cached copy of the app');
  } finally {
    clearTimeout(timer);
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  // ignoreVary: servers send `Vary: Origin`, and page requests (crossorigin scripts) carry an
  // Origin header the precache requests lack; a hashed file is the same bytes either way.
  const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
  if (hit) return isolated(hit);
  const response = await fetch(request);
  // Hashed names never change content: keep any complete same-origin copy.
  if (response.ok && response.status === 200 && response.type === 'basic') {
    await cache.put(request, response.clone()).catch(() => undefined);
  }
  return isolated(response);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return; // the hub and any other origin: untouched
  if (url.href.startsWith(MODELS) || url.pathname.endsWith('.onnx')) return; // the worker caches models
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else if (url.href.startsWith(ASSETS)) {
    event.respondWith(asset(request));
  } else if (request.destination === 'worker' || request.destination === 'sharedworker') {
    // A worker script outside assets/ still needs COEP to stay isolated.
    event.respondWith(fetch(request).then(isolated));
  }
});
