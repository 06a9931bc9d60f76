import { describe, expect, it } from 'vitest';
import { missingFeatures, type ContextFeatures } from './insecureContext';

const plainHttp: ContextFeatures = { isSecureContext: false, camera: false, serviceWorker: false, cacheStorage: false, crossOriginIsolated: false };

describe('missingFeatures', () => {
  it('is null on a secure page, whatever it lacks', () => {
    expect(missingFeatures({ ...plainHttp, isSecureContext: true })).toBeNull();
  });

  it('lists what a plain-http page goes without', () => {
    expect(missingFeatures(plainHttp)).toEqual(['camera', 'offline', 'model-cache', 'threads']);
  });

  it('lists only what this browser really lacks', () => {
    expect(missingFeatures({ ...plainHttp, serviceWorker: true, cacheStorage: true })).toEqual(['camera', 'threads']);
  });
});
