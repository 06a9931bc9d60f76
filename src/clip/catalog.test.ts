import { describe, expect, it } from 'vitest';
import { CATALOG, catalogEntry, CLIP_LOGIT_SCALE, downloadSize, logitScaleOf, towerPrecisions } from './catalog';
import { BUNDLED_MODEL_ID, DEFAULT_MODEL_ID, onnxFileName } from './modelSource';

const hubModels = CATALOG.filter((m) => m.id !== BUNDLED_MODEL_ID);

describe('catalog', () => {
  it('offers the models the issue asks for, ViT-B/32 first as the default', () => {
    expect(hubModels.map((m) => m.id)).toEqual(['Xenova/clip-vit-base-patch32', 'Xenova/clip-vit-base-patch16', 'Xenova/mobileclip_s0', 'Xenova/mobileclip_s2']);
    expect(DEFAULT_MODEL_ID).toBe('Xenova/clip-vit-base-patch32');
  });

  it('pins hub revisions to commits, except MobileCLIP S2, whose commit no source names', () => {
    for (const model of hubModels) {
      if (model.id === 'Xenova/mobileclip_s2') expect(model.revision).toBe('main');
      else expect(model.revision, model.id).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('has well-formed pins whose sizes are the sizes the picker shows', () => {
    for (const model of CATALOG) {
      for (const [file, pin] of Object.entries(model.integrity ?? {})) {
        expect(pin.sha256, `${model.id} ${file}`).toMatch(/^[0-9a-f]{64}$/);
        expect(pin.size).toBeGreaterThan(0);
        if (file.endsWith('.onnx')) expect(model.sizes[file]).toBe(pin.size);
      }
    }
    // the default model's WASM download is fully pinned
    const b32 = catalogEntry(DEFAULT_MODEL_ID)!;
    const wasm = towerPrecisions(b32.id, 'wasm', 'q8');
    expect(b32.integrity?.[onnxFileName('vision', wasm.vision)]).toBeDefined();
    expect(b32.integrity?.[onnxFileName('text', wasm.text)]).toBeDefined();
    expect(downloadSize(b32, wasm)).toBe(89117001 + 64504507);
  });

  it('knows the download size of every tower each backend may ask for', () => {
    for (const model of hubModels) {
      const wasm = towerPrecisions(model.id, 'wasm', 'q8');
      expect(model.sizes[onnxFileName('vision', wasm.vision)], model.id).toBeGreaterThan(1e6);
      expect(model.sizes[onnxFileName('text', wasm.text)], model.id).toBeGreaterThan(1e6);
      for (const precision of ['fp16', 'fp32'] as const) {
        expect(model.sizes[onnxFileName('vision', precision)], `${model.id} ${precision}`).toBeGreaterThan(1e6);
        expect(model.sizes[onnxFileName('text', precision)], `${model.id} ${precision}`).toBeGreaterThan(1e6);
      }
    }
  });

  it('keeps MobileCLIP image towers off 8-bit on WASM', () => {
    expect(towerPrecisions('Xenova/mobileclip_s0', 'wasm', 'q8').vision).toBe('fp32');
    expect(towerPrecisions('Xenova/mobileclip_s2', 'wasm', 'q8').vision).toBe('fp32');
  });
});

describe('scoring', () => {
  it("scores every catalog model as CLIP does: softmax of 100 × cosine", () => {
    for (const model of CATALOG) expect(logitScaleOf(model.id), model.id).toBe(100);
    expect(logitScaleOf('someone/unknown-clip')).toBe(CLIP_LOGIT_SCALE);
  });
});
