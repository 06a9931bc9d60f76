import { describe, expect, it } from 'vitest';
import type { Capabilities } from './api';
import { planBackend, wasmThreads } from './backend';

const caps = (gpu: Partial<Capabilities['webgpu']>, isolated = true, cores = 4): Capabilities => ({
  webgpu: { available: false, software: false, shaderF16: false, description: '', ...gpu },
  crossOriginIsolated: isolated,
  hardwareConcurrency: cores,
});

describe('planBackend', () => {
  it('uses WebGPU with fp16 on a real GPU that has shader-f16', () => {
    expect(planBackend('auto', caps({ available: true, shaderF16: true }))).toMatchObject({ backend: 'webgpu', precision: 'fp16' });
  });
  it('uses fp32 on a real GPU without shader-f16', () => {
    expect(planBackend('auto', caps({ available: true }))).toMatchObject({ backend: 'webgpu', precision: 'fp32' });
  });
  it('treats a software adapter as no GPU, and says why', () => {
    const plan = planBackend('auto', caps({ available: true, software: true, description: 'google swiftshader' }));
    expect(plan).toMatchObject({ backend: 'wasm', precision: 'q8' });
    expect(plan.note).toContain('software');
  });
  it('uses WASM 8-bit without WebGPU, and honours forced choices and precisions', () => {
    expect(planBackend('auto', caps({}))).toMatchObject({ backend: 'wasm', precision: 'q8', note: null });
    expect(planBackend('webgpu', caps({ available: true, software: true }))).toMatchObject({ backend: 'webgpu', precision: 'fp32' });
    expect(planBackend('wasm', caps({ available: true, shaderF16: true }), 'fp32')).toMatchObject({ backend: 'wasm', precision: 'fp32' });
  });
});

describe('wasmThreads', () => {
  it('uses every core when cross-origin isolated, one thread otherwise', () => {
    expect(wasmThreads(caps({}, true, 2))).toBe(2);
    expect(wasmThreads(caps({}, true, 32))).toBe(8);
    expect(wasmThreads(caps({}, false, 8))).toBe(1);
  });
});

describe('planBackend with per-tower weights from the catalog', () => {
  it('keeps an fp32 image tower on WASM when the catalog says 8-bit breaks it', () => {
    expect(planBackend('auto', caps({}), 'auto', { vision: 'fp32', text: 'q8' })).toMatchObject({ backend: 'wasm', vision: 'fp32', precision: 'q8' });
  });
  it('uses one precision for both towers on WebGPU', () => {
    expect(planBackend('auto', caps({ available: true, shaderF16: true }), 'auto', { vision: 'fp32', text: 'q8' })).toMatchObject({ vision: 'fp16', precision: 'fp16' });
  });
});
