/**
 * The client keeps the worker alive (issue "Hardening": a dead worker hung the app). The worker
 * here is real (workers/workerApi.ts with onnxruntime-node and the bundled model) behind a
 * MessageChannel; the tests do to it what happens to workers in browsers: it closes itself (an
 * out-of-memory kill), its thread gets stuck, it fires an error event, it dies again and again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClipWorkerApi, LoadRequest } from '../../../workers/api';
import { ClipError } from '../../../workers/errors';
import { LIVENESS_MESSAGE } from '../../../workers/liveness';
import { fakeGpu, type FakeGpu } from '../../../workers/testing/fakeGpu';
import { bundledSource, diskModelFiles, noGpuCapabilities, nodeRuntime } from '../../../workers/testing/nodeModel';
import { createClipWorkerApi } from '../../../workers/workerApi';
import { InProcessWorker } from '../testing/inProcessWorker';
import { WorkerClipClient, type ClientEvent, type SupervisionOptions, type WorkerLike } from './clipClient';

/** Short limits (the pulse beats every 500 ms), so a death is noticed in a second or two. */
const FAST: Partial<SupervisionOptions> = { tickMs: 50, quietMs: 1200, stuckMs: 2000, busyMs: 4000, maxRestarts: 2, restartWindowMs: 60_000 };

const request: LoadRequest = { source: bundledSource, backend: 'wasm', precision: 'fp32', threads: 1 };

interface Setup {
  client: WorkerClipClient;
  workers: InProcessWorker[];
  events: ClientEvent[];
  latest: () => InProcessWorker;
}

const clients: WorkerClipClient[] = [];
afterEach(() => {
  // Stop the heartbeats of every client made by a test.
  for (const client of clients.splice(0)) (client as unknown as { running: { worker: WorkerLike } | null }).running?.worker.terminate();
});

function setup(options: Partial<SupervisionOptions> = FAST, makeApi: () => ClipWorkerApi = realApi, withPulse = true): Setup {
  const workers: InProcessWorker[] = [];
  const events: ClientEvent[] = [];
  const client = new WorkerClipClient(() => {
    const worker = new InProcessWorker(makeApi(), withPulse);
    workers.push(worker);
    return worker as unknown as WorkerLike;
  }, options);
  clients.push(client);
  client.onEvent((event) => events.push(event));
  return { client, workers, events, latest: () => workers[workers.length - 1]! };
}

function realApi(runtime = nodeRuntime): ClipWorkerApi {
  return createClipWorkerApi({ runtime, detectCapabilities: () => Promise.resolve(noGpuCapabilities), modelFiles: () => diskModelFiles() });
}

function until(events: ClientEvent[], type: ClientEvent['type'], count = 1, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (events.filter((e) => e.type === type).length >= count) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`no ${type} event; saw ${events.map((e) => e.type).join(', ')}`));
      setTimeout(check, 20);
    };
    check();
  });
}

async function pngOf(colour: [number, number, number]): Promise<Blob> {
  const { PNG } = await import('pngjs');
  const png = new PNG({ width: 64, height: 64 });
  for (let i = 0; i < 64 * 64; i++) png.data.set([...colour, 255], i * 4);
  return new Blob([new Uint8Array(PNG.sync.write(png))], { type: 'image/png' });
}

describe('the worker client, when its worker dies', () => {
  it('notices a worker that closed itself while idle, starts another and loads the model again with the same generation', async () => {
    const { client, workers, events, latest } = setup();
    const model = await client.loadModel(request);
    const before = await client.encodeTexts(['a photo of a red circle.']);
    latest().closeFromInside();
    await until(events, 'worker-restarted');
    expect(workers).toHaveLength(2);
    expect(events.map((e) => e.type)).toEqual(['worker-restarting', 'worker-restarted']);
    const restarted = events[1] as Extract<ClientEvent, { type: 'worker-restarted' }>;
    expect(restarted.message).toBe('The model stopped (the browser may have run out of memory) and was restarted.');
    // The same model the same way: the embeddings made before are still valid, nothing is redone.
    expect(restarted.model).toMatchObject({ generation: model.generation, source: model.source, backend: 'wasm' });
    const after = await client.encodeTexts(['a photo of a red circle.']);
    expect(after.generation).toBe(before.generation);
    expect(after.embeddings).toEqual(before.embeddings);
  });

  it('loads the model again with the image fit in use, keeping its generation and its embeddings', async () => {
    const { client, events, latest } = setup();
    await client.loadModel(request);
    const padded = await client.setImageFit('pad');
    expect(padded.imageFit).toBe('pad');
    // A wide picture (red left, blue right): the centre crop and the padded whole differ.
    const { PNG } = await import('pngjs');
    const png = new PNG({ width: 128, height: 48 });
    for (let i = 0; i < 128 * 48; i++) png.data.set(i % 128 < 64 ? [224, 27, 27, 255] : [31, 63, 224, 255], i * 4);
    const wide = [{ name: 'wide.png', blob: new Blob([new Uint8Array(PNG.sync.write(png))], { type: 'image/png' }) }];
    const before = await client.encodeImages(wide);
    latest().closeFromInside();
    await until(events, 'worker-restarted');
    const restarted = events.find((e) => e.type === 'worker-restarted') as Extract<ClientEvent, { type: 'worker-restarted' }>;
    expect(restarted.model).toMatchObject({ imageFit: 'pad', generation: padded.generation });
    const after = await client.encodeImages(wide);
    expect(after.generation).toBe(padded.generation);
    expect(after.results[0]).toEqual(before.results[0]);
  });

  it('answers a call that was in flight when the worker closed, from the new worker', async () => {
    const { client, workers, latest } = setup();
    await client.loadModel(request);
    const red = await pngOf([224, 27, 27]);
    const reference = await client.encodeImages([{ name: 'red.png', blob: red }]);
    latest().closeFromInside(); // the call below never reaches this worker
    const started = Date.now();
    const result = await client.encodeImages([{ name: 'red.png', blob: red }]);
    expect(workers).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.generation).toBe(reference.generation);
    expect(result.results[0]).toEqual(reference.results[0]);
  });

  it('notices a worker that closed while busy by its pulse, without waiting for the busy limit', async () => {
    const { client, events, latest } = setup({ ...FAST, busyMs: 60_000 });
    await client.loadModel(request);
    latest().say({ type: LIVENESS_MESSAGE, busy: 1 }); // in the middle of an inference
    latest().closeFromInside();
    const started = Date.now();
    await until(events, 'worker-restarted');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(events[0]).toMatchObject({ message: 'The model stopped (the browser may have run out of memory); restarting it…' });
  });

  it('notices a stuck worker (its thread never comes back, its pulse beats on)', async () => {
    const { client, events, latest } = setup();
    await client.loadModel(request);
    latest().hang();
    const texts = client.encodeTexts(['a photo of a blue star.']);
    await until(events, 'worker-restarted');
    expect(events[0]).toMatchObject({ message: 'The model stopped (it stopped responding); restarting it…' });
    expect((await texts).embeddings).toHaveLength(64);
  });

  it('gives a worker that says it is busy time to make progress, and restarts one that makes none', async () => {
    const { client, events, latest, workers } = setup({ ...FAST, busyMs: 2500 });
    await client.loadModel(request);
    // Busy: no pongs are expected, only progress. 2 s of silence (the stuck limit) is fine for busy work...
    latest().say({ type: LIVENESS_MESSAGE, busy: 1 });
    latest().hang();
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(workers).toHaveLength(1);
    // ... no progress at all past it is not.
    await until(events, 'worker-restarted');
    expect(events[0]).toMatchObject({ type: 'worker-restarting', message: 'The model stopped (it stopped responding); restarting it…' });
    await expect(client.encodeTexts(['red'])).resolves.toMatchObject({ dim: 64 });
  });

  it('without a pulse (no nested workers), notices a closed idle worker by its silence', async () => {
    const { client, events, latest } = setup(FAST, realApi, false);
    await client.loadModel(request);
    latest().closeFromInside();
    await until(events, 'worker-restarted');
    expect(events[0]).toMatchObject({ message: 'The model stopped (the browser may have run out of memory); restarting it…' });
  });

  it('restarts at once on an error event', async () => {
    const { client, events, latest } = setup({ ...FAST, quietMs: 60_000 });
    await client.loadModel(request);
    latest().crash('Out of memory');
    await until(events, 'worker-restarted', 1, 3000);
    expect(events[0]).toMatchObject({ type: 'worker-restarting', message: 'The model stopped (it crashed: Out of memory); restarting it…' });
  });

  it('stops restarting after repeated deaths: calls fail with worker-died, and Retry brings the model back with a new generation', async () => {
    const { client, events, latest, workers } = setup();
    const model = await client.loadModel(request);
    latest().crash('first');
    await until(events, 'worker-restarted', 1);
    latest().crash('second');
    await until(events, 'worker-restarted', 2);
    const waiting = client.encodeTexts(['a photo of a green heart.']);
    latest().crash('third');
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipError);
    expect(error).toMatchObject({ kind: 'worker-died' });
    expect(events.map((e) => e.type).slice(-1)).toEqual(['worker-failed']);
    expect((events.at(-1) as { message: string }).message).toMatch(/^The model stopped 3 times in 1 minute \(it crashed: third\)\. .*Retry\.$/);
    expect(workers).toHaveLength(3);
    // Nothing restarts by itself ...
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(workers).toHaveLength(3);
    // ... until Retry: the model in use comes back; calls given up meanwhile are redone, so a new generation.
    client.restart();
    await until(events, 'worker-restarted', 3);
    const restarted = events.at(-1) as Extract<ClientEvent, { type: 'worker-restarted' }>;
    expect(restarted.model?.generation).toBeGreaterThan(model.generation);
    await expect(client.encodeTexts(['a photo of a green heart.'])).resolves.toMatchObject({ generation: restarted.model?.generation });
  });

  it('cancels a call that waits for the restart without sending it', async () => {
    const { client, events, latest } = setup({ ...FAST, quietMs: 60_000 });
    await client.loadModel(request);
    latest().crash('gone');
    const controller = new AbortController();
    const waiting = client.encodeTexts(['a photo of a purple cross.'], { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'cancelled' });
    await until(events, 'worker-restarted');
  });

  it('keeps generations above all seen when the model moves to WASM after a restart (a lost GPU)', async () => {
    let gpu: FakeGpu = fakeGpu();
    const { client, events, latest } = setup(FAST, () => {
      gpu = fakeGpu();
      return realApi(gpu.runtime);
    });
    await client.loadModel(request); // generation 1: the first worker's counter moves on
    const model = await client.loadModel({ ...request, backend: 'webgpu' });
    expect(model).toMatchObject({ backend: 'webgpu', generation: 2 });
    latest().closeFromInside();
    await until(events, 'worker-restarted');
    gpu.loseDevice('the GPU process crashed');
    await until(events, 'model-changed');
    const changed = events.find((e) => e.type === 'model-changed') as Extract<ClientEvent, { type: 'model-changed' }>;
    // The new worker counts from 1 again; the page must see a generation above the old model's.
    expect(changed.model.generation).toBe(model.generation + 1);
    expect(changed.model.backend).toBe('wasm');
    await expect(client.encodeTexts(['red'])).resolves.toMatchObject({ generation: model.generation + 1 });
  });
});
