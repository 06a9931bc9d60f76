/**
 * The worker's one WebGPU device. The app makes it and hands it to onnxruntime in the WebGPU
 * execution provider's options (`{ name: 'webgpu', device }`): onnxruntime-web's WebGPU build
 * makes a device of its own unless it is given one there (setting `env.webgpu.device` is not
 * read by that build), and a device the app does not hold is a device whose loss it never hears.
 *
 * One device serves every model loaded on WebGPU (a model switch holds two models for a moment).
 * It asks for fp16 shaders whenever the adapter has them, so an fp16 model never needs a second
 * one. The app never destroys it, so every loss is a real one, `destroy()` by anyone else
 * included. After a loss the next WebGPU load makes a new device.
 */
import type { Precision } from '../src/clip/modelSource';

export interface GpuLease {
  readonly device: GPUDevice;
  /** The sessions on this device are released: stop telling them about a loss. */
  release(): void;
}

interface SharedDevice {
  device: GPUDevice;
  listeners: Set<(reason: string) => void>;
}

let shared: Promise<SharedDevice> | null = null;

/** The device for a model's sessions; `onLost` hears (once) when it is lost, until the lease is released. */
export async function leaseGpuDevice(precision: Precision, onLost: (reason: string) => void): Promise<GpuLease> {
  const made = (shared ??= createDevice());
  let device: SharedDevice;
  try {
    device = await made;
  } catch (error) {
    if (shared === made) shared = null; // the next load tries again
    throw error;
  }
  if (precision === 'fp16' && !device.device.features.has('shader-f16')) throw new Error('this GPU has no fp16 shaders (shader-f16)');
  device.listeners.add(onLost);
  return { device: device.device, release: () => device.listeners.delete(onLost) };
}

function createDevice(): Promise<SharedDevice> {
  const made = (async (): Promise<SharedDevice> => {
    const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error('no WebGPU adapter is available');
    const limits = adapter.limits;
    const device = await adapter.requestDevice({
      requiredFeatures: adapter.features.has('shader-f16') ? ['shader-f16'] : [],
      // CLIP's largest weights (the token embedding of a big text tower) exceed the default limits.
      requiredLimits: {
        maxBufferSize: limits.maxBufferSize,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
        maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
        maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      },
    });
    return { device, listeners: new Set() };
  })();
  void made.then(
    (entry) =>
      entry.device.lost.then((info) => {
        if (shared === made) shared = null;
        const reason = info.message || (info.reason === 'destroyed' ? 'the device was destroyed' : 'unknown reason');
        const listeners = [...entry.listeners];
        entry.listeners.clear();
        for (const listener of listeners) listener(reason);
      }),
    () => undefined, // leaseGpuDevice reports the failure
  );
  return made;
}
