/**
 * This build's id and files, from `sw-manifest.js`, which the build writes next to `sw.js`
 * (vite.config.ts): `self.__CLIP_SW__ = { build, shell, runtime, webgpu }`. The e2e tests read the
 * same file (e2e/serviceWorkerCache.ts). Browsers compare imported scripts byte for byte when they
 * check for an update, so a new manifest installs a new worker even when sw.js is unchanged.
 */
import { sw } from './scope';

export interface ServiceWorkerManifest {
  /** Changes whenever index.html or any file under assets/ changes: names this build's cache. */
  build: string;
  /** index.html, JS and CSS: cached when the worker installs. */
  shell: string[];
  /** onnxruntime-web's WASM runtime (.wasm, 14 MB): cached right after, in the background. */
  runtime: string[];
  /** onnxruntime-web's WebGPU files (27 MB): cached only when a browser on WebGPU fetches them. */
  webgpu: string[];
}

declare global {
  interface ServiceWorkerGlobalScope {
    __CLIP_SW__?: ServiceWorkerManifest;
  }
}

importScripts('sw-manifest.js');

/** What to keep; empty outside a production build (the worker then caches only what it serves). */
export const MANIFEST: ServiceWorkerManifest = sw.__CLIP_SW__ ?? { build: 'dev', shell: [], runtime: [], webgpu: [] };
