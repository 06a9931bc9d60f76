/**
 * Loading onnxruntime-web lazily, in the flavour the backend needs: the WASM-only build is half
 * the size of the WebGPU one, and most of the time it is all a page needs.
 */
import type * as Ort from 'onnxruntime-web';
import type { Backend } from './api';

export type OrtModule = typeof Ort;

const modules: Partial<Record<Backend, Promise<OrtModule>>> = {};

export function loadOrt(backend: Backend): Promise<OrtModule> {
  modules[backend] ??= backend === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm');
  return modules[backend];
}
