/**
 * onnxruntime as the worker's units see it, injected: the worker passes `webOrtRuntime`
 * (onnxruntime-web, loaded lazily in the flavour the backend needs: the WASM-only build is half the
 * size of the WebGPU one), Node tests pass onnxruntime-node. Both share onnxruntime-common's API.
 */
import type * as Ort from 'onnxruntime-web';
import type { Precision } from '../src/clip/modelSource';
import type { Backend } from './api';
import { leaseGpuDevice } from './gpuDevice';

/** The part of an onnxruntime module the worker uses (the same types in onnxruntime-web and -node). */
export type OrtModule = Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>;
export type OrtSession = Ort.InferenceSession;
export type OrtTensor = Ort.Tensor;
export type SessionOptions = Ort.InferenceSession.SessionOptions;

/** A GPU device held for one model's sessions (opaque here: the runtime knows what it is). */
export interface GpuLease {
  readonly device: unknown;
  /** The sessions on it are released: their loss listener goes. */
  release(): void;
}

export interface OrtRuntime {
  /** The onnxruntime module that runs this backend. */
  load(backend: Backend): Promise<OrtModule>;
  /**
   * Whether sessions can take their weights as external data in memory (`externalData` with the
   * bytes: onnxruntime-web), which halves the WASM heap's peak (model/externalWeights.ts).
   * onnxruntime-node reads external data only from files.
   */
  readonly mountsWeights: boolean;
  /** What this runtime needs in the session options for the backend (execution provider, threads, the GPU device). */
  sessionOptions(backend: Backend, threads: number, gpu: GpuLease | null): SessionOptions;
  /**
   * WebGPU: the device the sessions will run on (it has fp16 shaders when `precision` needs them);
   * `onLost` hears when it is lost later. Fails when there is no usable GPU.
   */
  prepareGpu(precision: Precision, onLost: (reason: string) => void): Promise<GpuLease>;
}

const modules: Partial<Record<Backend, Promise<OrtModule>>> = {};

function loadWebOrt(backend: Backend): Promise<OrtModule> {
  modules[backend] ??= backend === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm');
  return modules[backend];
}

export const webOrtRuntime: OrtRuntime = {
  load: loadWebOrt,
  mountsWeights: true,
  // Threads are set on ort.env.wasm (onnxruntime-web reads them there), not per session. The
  // device goes in the execution provider's options: it is the only place the WebGPU build reads it.
  sessionOptions: (backend, _threads, gpu) => ({
    executionProviders: [backend === 'webgpu' && gpu ? { name: 'webgpu', device: gpu.device as GPUDevice } : backend],
  }),
  prepareGpu: leaseGpuDevice,
};
