/** Which execution backend and weight precision to use, from what this browser can do. */
import type { TowerPrecisions } from '../src/clip/catalog';
import type { Precision } from '../src/clip/modelSource';
import type { Backend, BackendChoice, Capabilities, GpuCapability } from './api';

const NO_GPU: GpuCapability = { available: false, software: false, shaderF16: false, description: 'no WebGPU adapter' };

export async function detectWebGpu(): Promise<GpuCapability> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return { ...NO_GPU, description: 'WebGPU is not supported by this browser' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { ...NO_GPU, description: `WebGPU adapter request failed: ${String(error)}` };
  }
  if (!adapter) return NO_GPU;
  const info = adapter.info;
  // SwiftShader (a CPU emulation of a GPU) runs CLIP hundreds of times slower than WASM.
  const fallbackFlag = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter
    ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false;
  const software = fallbackFlag || /swiftshader|llvmpipe|software/i.test(`${info.vendor} ${info.architecture} ${info.description}`);
  return {
    available: true,
    software,
    shaderF16: adapter.features.has('shader-f16'),
    description: [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter',
  };
}

export async function detectCapabilities(): Promise<Capabilities> {
  return {
    webgpu: await detectWebGpu(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: globalThis.navigator?.hardwareConcurrency ?? 1,
  };
}

export interface BackendPlan {
  backend: Backend;
  /** The precision of the text tower, and of both unless `vision` differs. */
  precision: Precision;
  /** The image tower's precision: some models (MobileCLIP) break when their image tower is 8-bit. */
  vision: Precision;
  /** Set when the automatic choice skipped a usable-looking GPU, to tell the user why. */
  note: string | null;
}

/** WebGPU only on a real GPU (fp16 where supported); otherwise WASM with the 8-bit weights. */
export function planBackend(
  choice: BackendChoice,
  caps: Capabilities,
  precision: Precision | 'auto' = 'auto',
  wasmTowers: TowerPrecisions = { vision: 'q8', text: 'q8' },
): BackendPlan {
  const gpu = caps.webgpu;
  const wantGpu = choice === 'webgpu' || (choice === 'auto' && gpu.available && !gpu.software);
  if (wantGpu) {
    const chosen: Precision = precision !== 'auto' ? precision : gpu.shaderF16 ? 'fp16' : 'fp32';
    return { backend: 'webgpu', precision: chosen, vision: chosen, note: null };
  }
  const note = choice === 'auto' && gpu.available && gpu.software ? `WebGPU adapter is software (${gpu.description}); using WASM` : null;
  if (precision !== 'auto') return { backend: 'wasm', precision, vision: precision, note };
  return { backend: 'wasm', precision: wasmTowers.text, vision: wasmTowers.vision, note };
}

/** WASM threads need cross-origin isolation (SharedArrayBuffer); use every core otherwise. */
export function wasmThreads(caps: Capabilities): number {
  if (!caps.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(caps.hardwareConcurrency, 8));
}
