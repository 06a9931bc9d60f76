/**
 * The service worker's global scope, typed. TypeScript's WebWorker lib types `self` as a plain
 * worker; this file is the one place that says it is a service worker.
 */
export const sw = self as unknown as ServiceWorkerGlobalScope;

/** Where the app lives: the worker's own folder is the app's base URL (and its scope). */
const BASE = new URL('./', sw.location.href);

export const urls = {
  origin: sw.location.origin,
  index: new URL('index.html', BASE).href,
  /** Vite's hashed build files: immutable, so served cache-first. */
  assets: new URL('assets/', BASE).href,
  /** The CLIP worker caches model files itself ('clip-models-v1'): never here. */
  models: new URL('models/', BASE).href,
  absolute: (file: string): string => new URL(file, BASE).href,
};
