/// <reference types="node" />
/**
 * Node-only helpers for the worker's unit tests (never imported by the worker): onnxruntime-node
 * as the runtime, and the bundled model's files read from `public/models/clip-shapes-tiny`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ortNode from 'onnxruntime-node';
import { BUNDLED_MODEL_ID, type ModelSource, type Precision } from '../../src/clip/modelSource';
import { ClipTokenizer, type EncodedBatch } from '../../src/clip/tokenizer';
import type { Capabilities, LoadRequest } from '../api';
import type { BackendPlan } from '../backend';
import { ClipError } from '../errors';
import type { ClipModel } from '../model/clipModel';
import { loadClipModel, type LoadContext } from '../model/loadModel';
import { TowerRunner } from '../model/towerRunner';
import { TowerSessions } from '../model/towerSessions';
import { fetchConfigs, type ModelFiles } from '../modelFiles';
import type { OrtModule, OrtRuntime } from '../ort';

export const BUNDLED_MODEL_DIR = fileURLToPath(new URL('../../public/models/clip-shapes-tiny/', import.meta.url));
export const bundledSource: ModelSource = { id: BUNDLED_MODEL_ID, host: '/models', revision: 'main' };

/**
 * onnxruntime-node in the role of onnxruntime-web's WASM backend (its CPU provider). One thread:
 * the test machine's cores are shared. There is no GPU here: WebGPU fails like a browser without one.
 */
export const nodeRuntime: OrtRuntime = {
  load: () => Promise.resolve<OrtModule>(ortNode),
  mountsWeights: false,
  sessionOptions: (_backend, threads) => ({ executionProviders: ['cpu'], intraOpNumThreads: Math.max(1, threads) }),
  prepareGpu: () => Promise.reject(new Error('no WebGPU adapter is available')),
};

/**
 * A model folder read like the worker's downloads: a missing file is an `http` 404 (what a server
 * answers), an aborted signal `cancelled`, and progress is reported per file.
 */
export function diskModelFiles(dir = BUNDLED_MODEL_DIR, source: ModelSource = bundledSource): ModelFiles {
  return {
    source,
    async read(file, options = {}) {
      if (options.signal?.aborted) throw new ClipError({ kind: 'cancelled', message: 'Download cancelled', file });
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(join(dir, file)));
      } catch (error) {
        throw new ClipError({ kind: 'http', status: 404, file, message: `Could not download ${file}: HTTP 404 Not Found (${join(dir, file)})` }, { cause: error });
      }
      options.onProgress?.({ file, loaded: bytes.length, total: bytes.length, done: true });
      return bytes;
    },
  };
}

/** Capabilities of a browser without WebGPU, one core, not cross-origin isolated. */
export const noGpuCapabilities: Capabilities = {
  webgpu: { available: false, software: false, shaderF16: false, description: 'no WebGPU adapter' },
  crossOriginIsolated: false,
  hardwareConcurrency: 1,
};

/** Counts generations as the worker does: one counter for loads and backend changes. */
export function generationCounter(): () => number {
  let generation = 0;
  return () => ++generation;
}

/** The bundled model loaded with onnxruntime-node, on WASM in the given precision (default: the catalog's 8-bit). */
export async function loadBundledModel(
  request: Partial<LoadRequest> = {},
  context: Partial<LoadContext> = {},
): Promise<ClipModel> {
  const nextGeneration = context.nextGeneration ?? generationCounter();
  return loadClipModel(
    { source: bundledSource, backend: 'wasm', threads: 1, ...request },
    {
      runtime: nodeRuntime,
      files: diskModelFiles(),
      capabilities: noGpuCapabilities,
      onBackendChanged: () => undefined,
      ...context,
      generation: context.generation ?? nextGeneration(),
      nextGeneration,
    },
  );
}

/** The bundled model's tokenizer and text tower (through the worker's TowerRunner), for the text embedder's tests. */
export async function bundledTextTower(precision: Precision = 'fp32'): Promise<{ tokenizer: ClipTokenizer; embed: (batch: EncodedBatch) => Promise<Float32Array>; release: () => Promise<void> }> {
  const files = diskModelFiles();
  const configs = await fetchConfigs(files);
  const tokenizer = ClipTokenizer.fromJson(configs.tokenizer, configs.tokenizerConfig);
  const plan: BackendPlan = { backend: 'wasm', precision, vision: precision, note: null };
  const sessions = await TowerSessions.create({ files, plan, runtime: nodeRuntime, threads: 1, onDeviceLost: () => undefined });
  const nextGeneration = generationCounter();
  const runner = new TowerRunner(
    { sessions, generation: nextGeneration(), fallbackReason: null },
    { files, runtime: nodeRuntime, capabilities: noGpuCapabilities, threads: 1, wasmTowers: undefined, nextGeneration, onBackendChanged: () => undefined },
  );
  return { tokenizer, embed: (batch) => runner.runText(runner.backend, batch, tokenizer.endId), release: () => runner.dispose() };
}
