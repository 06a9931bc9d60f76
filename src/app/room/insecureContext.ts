/**
 * What a page that is not a secure context (plain http from another device's address) goes
 * without. Browsers keep these features to https:// pages and to localhost, so a student who
 * opens `http://<laptop>:8080` gets an app that silently does less: say what, and how to fix it.
 */

/** What the page can see of the browser's features. */
export interface ContextFeatures {
  isSecureContext: boolean;
  camera: boolean;
  serviceWorker: boolean;
  cacheStorage: boolean;
  crossOriginIsolated: boolean;
}

export type MissingFeature = 'camera' | 'offline' | 'model-cache' | 'threads';

export const MISSING_TEXT: Record<MissingFeature, string> = {
  camera: 'no camera: the Live camera view cannot start',
  offline: 'no offline copy: the app needs the network on every visit',
  'model-cache': 'no model cache: the model is downloaded again on every visit',
  threads: 'one processor core only: the model runs slower',
};

/** Null on a secure page; else what it lacks, in the order a student notices. */
export function missingFeatures(features: ContextFeatures): MissingFeature[] | null {
  if (features.isSecureContext) return null;
  const missing: MissingFeature[] = [];
  if (!features.camera) missing.push('camera');
  if (!features.serviceWorker) missing.push('offline');
  if (!features.cacheStorage) missing.push('model-cache');
  if (!features.crossOriginIsolated) missing.push('threads');
  return missing;
}

export function browserFeatures(): ContextFeatures {
  return {
    isSecureContext: window.isSecureContext,
    camera: typeof navigator.mediaDevices?.getUserMedia === 'function',
    serviceWorker: 'serviceWorker' in navigator,
    cacheStorage: typeof caches !== 'undefined',
    crossOriginIsolated: window.crossOriginIsolated,
  };
}

