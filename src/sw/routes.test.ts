import { describe, expect, it } from 'vitest';
import { routeFor, type RouteRequest } from './routes';

// The app deployed under a sub-path, as on GitHub Pages.
const app = {
  origin: 'https://example.test',
  assets: 'https://example.test/clip/assets/',
  models: 'https://example.test/clip/models/',
};

const get = (url: string, more: Partial<RouteRequest> = {}): RouteRequest => ({
  method: 'GET',
  url,
  mode: 'cors',
  destination: '',
  ...more,
});

describe('routeFor', () => {
  it('answers page loads, including deep links with a query', () => {
    expect(routeFor(get('https://example.test/clip/', { mode: 'navigate', destination: 'document' }), app)).toBe('navigation');
    expect(routeFor(get('https://example.test/clip/?model=x', { mode: 'navigate', destination: 'document' }), app)).toBe('navigation');
  });

  it('serves hashed build files from the cache', () => {
    expect(routeFor(get('https://example.test/clip/assets/index-abc123.js', { destination: 'script' }), app)).toBe('asset');
    expect(routeFor(get('https://example.test/clip/assets/ort-wasm-simd-threaded.jsep-x.wasm'), app)).toBe('asset');
  });

  it('adds isolation headers to worker scripts outside assets/', () => {
    expect(routeFor(get('https://example.test/clip/other-worker.js', { destination: 'worker' }), app)).toBe('worker');
    expect(routeFor(get('https://example.test/clip/shared.js', { destination: 'sharedworker' }), app)).toBe('worker');
  });

  it('leaves model files to the CLIP worker, wherever they are', () => {
    expect(routeFor(get('https://example.test/clip/models/clip-shapes-tiny/config.json'), app)).toBeNull();
    expect(routeFor(get('https://example.test/clip/models/x/onnx/text_model.onnx'), app)).toBeNull();
    expect(routeFor(get('https://example.test/clip/assets/stray.onnx'), app)).toBeNull();
  });

  it('never touches other origins, other methods or other same-origin files', () => {
    expect(routeFor(get('https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main/config.json'), app)).toBeNull();
    expect(routeFor(get('https://example.test/clip/assets/index-abc123.js', { method: 'HEAD' }), app)).toBeNull();
    expect(routeFor(get('https://example.test/clip/favicon.svg', { destination: 'image' }), app)).toBeNull();
    // Outside the app's base: an asset folder of another app on the same host is not ours.
    expect(routeFor(get('https://example.test/assets/index-abc123.js', { destination: 'script' }), app)).toBeNull();
  });
});
