/**
 * onnxruntime as the worker's units see it, injected: the worker passes `webOrtRuntime`
 * (onnxruntime-web, loaded lazily in the flavour the backend needs: the WASM-only build is half the
 * size of the WebGPU one), Node tests pass onnxruntime-node. Both share onnxruntime-common's API.
 */
import type * as Ort from 'onnxruntime-web';
import type { Precision } from '../src/clip/modelSource';
import type { Backend } from './api';

/** The part of an onnxruntime module the worker uses (the same types in onnxruntime-web and -node). */
export type OrtModule = Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>;
export type OrtSession = Ort.InferenceSession;
export type OrtTensor = Ort.Tensor;
export type SessionOptions = Ort.InferenceSession.SessionOptions;

export interface OrtRuntime {
  /** The onnxruntime module that runs this backend. */
  load(backend: Backend): Promise<OrtModule>;
  /** What this runtime needs in the session options for the backend (execution provider, threads). */
  sessionOptions(backend: Backend, threads: number): SessionOptions;
  /**
   * WebGPU: make the device the sessions will run on (with fp16 shaders when `precision` needs
   * them); `onLost` hears when the device is lost later. Fails when there is no usable GPU.
   */
  prepareGpu(ort: OrtModule, precision: Precision, onLost: (reason: string) => void): Promise<void>;
}

const modules: Partial<Record<Backend, Promise<OrtModule>>> = {};

function loadWebOrt(backend: Backend): Promise<OrtModule> {
  modules[backend] ??= backend === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm');
  return modules[backend];
}

/** Creating the device ourselves lets us require fp16 shaders and hear about a lost device. */
async function createOwnGpuDevice(ort: OrtModule, precision: Precision, onLost: (reason: string) => void): Promise<void> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter is available');
  const needF16 = precision === 'fp16';
  if (needF16 && !adapter.features.has('shader-f16')) throw new Error('this GPU has no fp16 shaders (shader-f16)');
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures: needF16 ? ['shader-f16'] : [],
    requiredLimits: {
      maxBufferSize: limits.maxBufferSize,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  void device.lost.then((info) => {
    if (info.reason !== 'destroyed') onLost(info.message || 'unknown reason');
  });
  ort.env.webgpu.device = device;
}

export const webOrtRuntime: OrtRuntime = {
  load: loadWebOrt,
  // Threads are set on ort.env.wasm (onnxruntime-web reads them there), not per session.
  sessionOptions: (backend) => ({ executionProviders: [backend] }),
  prepareGpu: createOwnGpuDevice,
};
