/**
 * The worker's contract (workers/api.ts) as the page sees it, with the real model and
 * onnxruntime-node: typed errors as data, abort by call id, generations, a model switch that keeps
 * the working model, waiting for a load, releasing the page's callbacks, and backend events.
 */
import { releaseProxy } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelSource } from '../src/clip/modelSource';
import type { ClipWorkerApi, FileProgress, LoadedModel, LoadRequest, WorkerEvent } from './api';
import { ClipError, isClipErrorData } from './errors';
import type { ModelFiles } from './modelFiles';
import { fakeGpu, type FakeGpu } from './testing/fakeGpu';
import { BUNDLED_MODEL_DIR, bundledSource, diskModelFiles, noGpuCapabilities, nodeRuntime } from './testing/nodeModel';
import { createClipWorkerApi } from './workerApi';

/** The same bundled files under other hosts: `/slow` waits for `openGate()`, `/missing` has nothing. */
const slowSource: ModelSource = { ...bundledSource, host: '/slow' };
const missingSource: ModelSource = { ...bundledSource, host: '/missing' };

let openGate: () => void = () => undefined;

function gatedFiles(source: ModelSource): ModelFiles {
  const disk = diskModelFiles(BUNDLED_MODEL_DIR, source);
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  return {
    source,
    async read(file, options = {}) {
      if (file.endsWith('.onnx')) {
        // Like a download in progress: it ends when the gate opens or the load is aborted.
        await new Promise<void>((resolve, reject) => {
          const cancel = () => reject(new ClipError({ kind: 'cancelled', message: 'Download cancelled', file }));
          if (options.signal?.aborted) cancel();
          options.signal?.addEventListener('abort', cancel, { once: true });
          void gate.then(resolve);
        });
      }
      return disk.read(file, options);
    },
  };
}

const apis: ClipWorkerApi[] = [];
function worker(runtime = nodeRuntime): ClipWorkerApi {
  const api = createClipWorkerApi({
    runtime,
    detectCapabilities: () => Promise.resolve(noGpuCapabilities),
    modelFiles: (source) => (source.host === '/slow' ? gatedFiles(source) : source.host === '/missing' ? diskModelFiles('/nonexistent', source) : diskModelFiles(BUNDLED_MODEL_DIR, source)),
  });
  apis.push(api);
  return api;
}
afterEach(() => {
  apis.length = 0;
  openGate();
});

/** A page callback as Comlink hands it over: a function with a release handle. */
function proxied<A extends unknown[]>(fn: (...args: A) => void = () => undefined) {
  const callback = Object.assign((...args: A) => fn(...args), { released: 0 });
  Object.assign(callback, { [releaseProxy]: () => callback.released++ });
  return callback;
}

const request = (source: ModelSource = bundledSource, extra: Partial<LoadRequest> = {}): LoadRequest => ({ source, backend: 'wasm', precision: 'fp32', threads: 1, ...extra });
let nextId = 1;
const id = () => nextId++;

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => {
    throw new Error('expected the call to fail');
  }, (error: unknown) => error);
}

describe('the worker API', () => {
  it('answers ping, and throws plain ClipErrorData (not Error objects) when no model is loaded', async () => {
    const api = worker();
    await expect(api.ping()).resolves.toBe('pong');
    const error = await thrown(api.encodeTexts(['red'], undefined, id()));
    expect(error).not.toBeInstanceOf(Error);
    expect(isClipErrorData(error)).toBe(true);
    expect(error).toEqual({ kind: 'no-model', message: 'No model is loaded' });
  });

  it('loads a model with a generation, reports progress per file and releases the progress callback', async () => {
    const api = worker();
    const progress: FileProgress[] = [];
    const onProgress = proxied((p: FileProgress) => progress.push(p));
    const model = await api.loadModel(request(), onProgress, id());
    expect(model).toMatchObject({ generation: 1, backend: 'wasm', precision: 'fp32', embeddingDim: 64 });
    expect(progress.some((p) => p.file === 'onnx/vision_model.onnx' && p.done)).toBe(true);
    expect(onProgress.released).toBe(1);
    const texts = await api.encodeTexts(['red', 'blue'], undefined, id());
    expect(texts.generation).toBe(1);
  });

  it('gives every load a new generation and stamps results with the generation that made them', async () => {
    const api = worker();
    const first = await api.loadModel(request(), proxied(), id());
    const second = await api.loadModel(request(bundledSource, { precision: 'q8' }), proxied(), id());
    expect(second.generation).toBeGreaterThan(first.generation);
    expect((await api.encodeImages([], id())).generation).toBe(second.generation);
  });

  it('makes calls wait for the load in progress when no model is loaded', async () => {
    const api = worker();
    const loading = api.loadModel(request(slowSource), proxied(), id());
    const texts = api.encodeTexts(['red'], undefined, id());
    await new Promise((resolve) => setTimeout(resolve, 20));
    openGate();
    const [model, result] = await Promise.all([loading, texts]);
    expect(result.generation).toBe(model.generation);
  });

  it('fails waiting calls with no-model when that load fails', async () => {
    const api = worker();
    const loading = thrown(api.loadModel(request(missingSource), proxied(), id()));
    const waiting = thrown(api.encodeTexts(['red'], undefined, id()));
    // The configs are read at once: whichever 404 comes first fails the load.
    const failed = await loading;
    expect(failed).toMatchObject({ kind: 'http', status: 404 });
    expect(ClipError.from(failed).file).toMatch(/\.json$/);
    const error = await waiting;
    expect(error).toMatchObject({ kind: 'no-model' });
    expect((error as ClipError).message).toMatch(/^No model is loaded: Could not download \S+\.json: HTTP 404 Not Found/);
  });

  it('keeps answering with the current model while a new one loads, then switches', async () => {
    const api = worker();
    const first = await api.loadModel(request(), proxied(), id());
    const loading = api.loadModel(request(slowSource), proxied(), id());
    const during = await api.encodeTexts(['red'], undefined, id());
    expect(during.generation).toBe(first.generation);
    openGate();
    const second = await loading;
    expect((await api.encodeTexts(['red'], undefined, id())).generation).toBe(second.generation);
  });

  it('lets a call running on the old model finish before the old model is released', async () => {
    const api = worker();
    const first = await api.loadModel(request(), proxied(), id());
    const loading = api.loadModel(request(slowSource), proxied(), id());
    const texts = Array.from({ length: 200 }, (_, i) => `label ${i}`);
    let switched = false;
    const running = api.encodeTexts(
      texts,
      proxied((done: number) => {
        // After the first batch the new model becomes current, under the running call.
        if (done > 0 && !switched) {
          switched = true;
          openGate();
        }
      }),
      id(),
    );
    const [result, second] = await Promise.all([running, loading]);
    expect(result.generation).toBe(first.generation);
    expect(result.encodedCount).toBe(texts.length);
    expect(second.generation).not.toBe(first.generation);
  });

  it('keeps the current model when a load fails or is aborted', async () => {
    const api = worker();
    const first = await api.loadModel(request(), proxied(), id());
    await expect(thrown(api.loadModel(request(missingSource), proxied(), id()))).resolves.toMatchObject({ kind: 'http' });
    const callId = id();
    const aborted = thrown(api.loadModel(request(slowSource), proxied(), callId));
    api.abort(callId);
    expect(await aborted).toMatchObject({ kind: 'cancelled' });
    expect((await api.encodeTexts(['red'], undefined, id())).generation).toBe(first.generation);
  });

  it('aborts a load still in progress when a new load starts', async () => {
    const api = worker();
    const older = thrown(api.loadModel(request(slowSource), proxied(), id()));
    const newer = api.loadModel(request(), proxied(), id());
    expect(await older).toMatchObject({ kind: 'cancelled', message: 'Another model is being loaded' });
    const model = await newer;
    expect((await api.encodeImages([], id())).generation).toBe(model.generation);
  });

  it('stops a text encode or an image encode on abort(callId), ignores unknown ids, and releases the progress callback', async () => {
    const api = worker();
    await api.loadModel(request(), proxied(), id());
    api.abort(12345); // unknown: ignored
    const textCall = id();
    const onProgress = proxied((done: number) => done > 0 && api.abort(textCall));
    const texts = Array.from({ length: 300 }, (_, i) => `aborted label ${i}`);
    expect(await thrown(api.encodeTexts(texts, onProgress, textCall))).toMatchObject({ kind: 'cancelled' });
    expect(onProgress.released).toBe(1);

    const imageCall = id();
    const images = Array.from({ length: 30 }, (_, i) => ({ name: `${i}.txt`, blob: new Blob(['not an image'], { type: 'text/plain' }) }));
    const encoding = api.encodeImages(images, imageCall);
    api.abort(imageCall);
    expect(await thrown(encoding)).toMatchObject({ kind: 'cancelled' });
  });

  it('loads with the image fit asked for, and switches it on the model in use under a new generation', async () => {
    const api = worker();
    await expect(thrown(api.setImageFit('pad', id()))).resolves.toMatchObject({ kind: 'no-model' });
    const padded = await api.loadModel(request(bundledSource, { imageFit: 'pad' }), proxied(), id());
    expect(padded).toMatchObject({ imageFit: 'pad', preprocessor: { outputWidth: 64, outputHeight: 64, crop: { width: 64, height: 64 } } });
    const cropped = await api.setImageFit('crop', id());
    expect(cropped).toMatchObject({ imageFit: 'crop', source: bundledSource });
    expect(cropped.generation).toBeGreaterThan(padded.generation);
    const texts = await api.encodeTexts(['red circle'], undefined, id());
    expect(texts.generation).toBe(cropped.generation);
  });

  it('switches the image fit of the model a load in progress installs, not of the one it replaces', async () => {
    const api = worker();
    const first = await api.loadModel(request(), proxied(), id());
    const loading = api.loadModel(request(slowSource), proxied(), id());
    const switching = api.setImageFit('pad', id());
    await new Promise((resolve) => setTimeout(resolve, 20));
    openGate();
    const [second, switched] = await Promise.all([loading, switching]);
    expect(second).toMatchObject({ imageFit: 'crop', source: slowSource });
    expect(switched).toMatchObject({ imageFit: 'pad', source: slowSource });
    expect(switched.generation).toBeGreaterThan(second.generation);
    expect(second.generation).toBeGreaterThan(first.generation);
  });

  it('closes a camera frame even when no model can take it', async () => {
    const api = worker();
    const close = vi.fn();
    expect(await thrown(api.encodeFrame({ close } as unknown as ImageBitmap, id()))).toMatchObject({ kind: 'no-model' });
    expect(close).toHaveBeenCalled();
  });
});

describe('worker events', () => {
  async function gpuWorker(gpu: FakeGpu) {
    const api = worker(gpu.runtime);
    const events: WorkerEvent[] = [];
    const listener = proxied((event: WorkerEvent) => events.push(event));
    api.listen(listener);
    const model = await api.loadModel(request(bundledSource, { backend: 'webgpu', precision: undefined }), proxied(), id());
    return { api, events, listener, model };
  }

  it('tells the listener when a lost GPU moved the model to WASM, with its new generation', async () => {
    const gpu = fakeGpu();
    const { api, events, model } = await gpuWorker(gpu);
    expect(model.backend).toBe('webgpu');
    gpu.loseDevice('device removed');
    const texts = await api.encodeTexts(['red'], undefined, id());
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ type: 'model-changed', message: 'The GPU device was lost (device removed); switched to WASM' });
    const changed: LoadedModel = event!.model;
    expect(changed).toMatchObject({ backend: 'wasm', generation: texts.generation });
    expect(changed.generation).toBeGreaterThan(model.generation);
  });

  it('releases a listener when another replaces it', () => {
    const api = worker();
    const first = proxied();
    api.listen(first);
    api.listen(proxied());
    expect(first.released).toBe(1);
  });

  it('says nothing about a model that has been replaced', async () => {
    const gpu = fakeGpu();
    const { api, events } = await gpuWorker(gpu);
    await api.loadModel(request(), proxied(), id());
    gpu.loseDevice('lost after the switch');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual([]);
  });
});
