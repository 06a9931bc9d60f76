/**
 * When WebGPU loses its device, the model moves to WASM: a new generation, the page is told, the
 * lost sessions are released, the requested threads are kept, no result mixes the two backends,
 * and a failed move is tried again on the next use. The GPU is a stand-in (testing/fakeGpu.ts);
 * the sessions, files and model are real.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGpu, type FakeGpu } from '../testing/fakeGpu';
import { loadBundledModel } from '../testing/nodeModel';
import type { ClipModel } from './clipModel';
import { TEXT_BATCH } from './textEmbedder';

const models: ClipModel[] = [];
afterEach(async () => {
  await Promise.all(models.splice(0).map((m) => m.dispose()));
});

async function gpuModel(gpu: FakeGpu, changes: string[] = []): Promise<ClipModel> {
  const model = await loadBundledModel({ backend: 'webgpu', threads: 2 }, { runtime: gpu.runtime, onBackendChanged: (_model, message) => changes.push(message) });
  models.push(model);
  return model;
}

async function wasmModel(): Promise<ClipModel> {
  const model = await loadBundledModel({ backend: 'wasm', threads: 2 });
  models.push(model);
  return model;
}

describe('after the GPU device is lost', () => {
  it('runs on WASM with a new generation, its requested threads, and says so once', async () => {
    const gpu = fakeGpu();
    const changes: string[] = [];
    const model = await gpuModel(gpu, changes);
    expect(model.info).toMatchObject({ backend: 'webgpu', precision: 'fp32', threads: 0 });
    const before = await model.encodeTexts(['a photo of a red circle.']);
    expect(before.generation).toBe(model.info.generation);

    gpu.loseDevice('the GPU process crashed');
    const after = await model.encodeTexts(['a photo of a red circle.']);
    expect(model.info).toMatchObject({ backend: 'wasm', precision: 'q8', threads: 2, fallbackReason: 'The GPU device was lost (the GPU process crashed); switched to WASM' });
    expect(gpu.threads.wasm).toBe(2);
    expect(after.generation).toBe(model.info.generation);
    expect(after.generation).toBeGreaterThan(before.generation);
    expect(changes).toEqual(['The GPU device was lost (the GPU process crashed); switched to WASM']);
    // The WASM text cache starts empty: the GPU's embedding is not served as a WASM one.
    expect(after.encodedCount).toBe(1);
  });

  it('releases the lost sessions', async () => {
    const gpu = fakeGpu();
    const model = await gpuModel(gpu);
    expect(gpu.gpuSessions).toHaveLength(2);
    gpu.loseDevice('lost');
    await model.encodeTexts(['red']);
    expect(gpu.gpuSessions.map((s) => s.released)).toEqual([true, true]);
  });

  it('tries again on the next use when moving to WASM failed', async () => {
    const gpu = fakeGpu();
    const model = await gpuModel(gpu);
    const gpuGeneration = model.info.generation;
    gpu.failWasmSessions(2);
    gpu.loseDevice('lost');
    // The loss starts the move at once; it fails (1). The next use tries again and fails (2) ...
    await vi.waitFor(() => expect(gpu.attempts.wasm).toBe(1));
    const failed = await model.encodeTexts(['red']).catch((e: unknown) => e);
    expect(failed).toMatchObject({ kind: 'invalid-model', file: 'onnx/vision_model_quantized.onnx' });
    expect(gpu.attempts.wasm).toBe(2);
    // ... and the one after succeeds.
    const result = await model.encodeTexts(['red']);
    expect(model.info.backend).toBe('wasm');
    expect(result.generation).toBeGreaterThan(gpuGeneration);
  });

  it('starts a text encode that was running again on WASM, so no result mixes the two backends', async () => {
    const gpu = fakeGpu();
    const model = await gpuModel(gpu);
    const texts = Array.from({ length: TEXT_BATCH * 3 }, (_, i) => `a photo of label ${i}.`);
    const result = await model.encodeTexts(texts, {
      onProgress: (done) => {
        if (done === TEXT_BATCH) gpu.loseDevice('lost mid-encode'); // after the first GPU batch
      },
    });
    expect(result.generation).toBe(model.info.generation);
    expect(model.info.backend).toBe('wasm');
    const reference = await (await wasmModel()).encodeTexts(texts);
    expect(result.embeddings).toEqual(reference.embeddings);
  });

  it('is handled when the device is lost while the model is still loading', async () => {
    const gpu = fakeGpu({ loseDuringLoad: 'lost at once' });
    const model = await gpuModel(gpu);
    const { results, generation } = await model.encodeImages([]);
    expect(results).toEqual([]);
    expect(model.info).toMatchObject({ backend: 'wasm', generation });
  });

  it('runs both sessions on the one device the app made and listens to (handed over in their options)', async () => {
    const gpu = fakeGpu();
    const first = await gpuModel(gpu);
    const second = await gpuModel(gpu); // a model switch holds two models for a moment
    expect(gpu.devices).toHaveLength(1);
    expect(gpu.sessionDevices).toHaveLength(4);
    expect(gpu.sessionDevices.every((device) => device === gpu.devices[0])).toBe(true);
    gpu.loseDevice('lost');
    await first.encodeTexts(['red']);
    await second.encodeTexts(['red']);
    expect([first.info.backend, second.info.backend]).toEqual(['wasm', 'wasm']);
  });

  it('does not wait for a run stuck on the lost device: the encode runs again on WASM', async () => {
    const gpu = fakeGpu();
    const model = await gpuModel(gpu);
    gpu.gpuRuns = 'hang';
    const encoding = model.encodeTexts(['a photo of a red circle.']);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the run is stuck on the GPU
    gpu.loseDevice('the GPU process crashed');
    const result = await encoding;
    expect(model.info.backend).toBe('wasm');
    expect(result.generation).toBe(model.info.generation);
    const reference = await (await wasmModel()).encodeTexts(['a photo of a red circle.']);
    expect(result.embeddings).toEqual(reference.embeddings);
    // A session with a run still inside is not released under it.
    expect(gpu.gpuSessions.map((s) => s.released)).toEqual([false, false]);
  });

  it('runs an encode again on WASM when its GPU run failed just before the loss was reported', async () => {
    const gpu = fakeGpu();
    const model = await gpuModel(gpu);
    gpu.gpuRuns = 'fail';
    const encoding = model.encodeTexts(['a photo of a blue star.']);
    setTimeout(() => gpu.loseDevice('lost'), 100);
    const result = await encoding;
    expect(model.info.backend).toBe('wasm');
    expect(result.generation).toBe(model.info.generation);
  });

  it('still reports a GPU run that fails without a lost device', async () => {
    const gpu = fakeGpu();
    const model = await gpuModel(gpu);
    gpu.gpuRuns = 'fail';
    await expect(model.encodeTexts(['a photo of a blue star.'])).rejects.toThrow('GPU buffer mapping failed');
    expect(model.info.backend).toBe('webgpu');
  });
});
