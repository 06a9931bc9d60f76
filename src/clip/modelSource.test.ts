import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_ID, DEFAULT_MODEL_ID, HUB_HOST, isHubHost, modelFileUrl, modelSourceFromParams, onnxFileName } from './modelSource';

describe('modelFileUrl', () => {
  it('uses the hub resolve path with the revision', () => {
    expect(modelFileUrl({ id: 'Xenova/clip-vit-base-patch32', host: HUB_HOST, revision: 'main' }, 'onnx/vision_model_quantized.onnx')).toBe(
      'https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main/onnx/vision_model_quantized.onnx',
    );
  });
  it('uses {host}/{id}/{file} for a plain folder, ignoring trailing slashes', () => {
    expect(modelFileUrl({ id: 'clip-shapes-tiny', host: 'http://localhost:4173/models/', revision: 'main' }, 'config.json')).toBe(
      'http://localhost:4173/models/clip-shapes-tiny/config.json',
    );
  });
});

describe('onnxFileName', () => {
  it('names the hub files of each precision', () => {
    expect(onnxFileName('vision', 'fp32')).toBe('onnx/vision_model.onnx');
    expect(onnxFileName('text', 'fp16')).toBe('onnx/text_model_fp16.onnx');
    expect(onnxFileName('text', 'q8')).toBe('onnx/text_model_quantized.onnx');
  });
});

describe('modelSourceFromParams', () => {
  const bundled = 'http://app.test/models';
  it('defaults to CLIP ViT-B/32 from the hub', () => {
    expect(modelSourceFromParams(new URLSearchParams(''), bundled)).toEqual({ id: DEFAULT_MODEL_ID, host: HUB_HOST, revision: 'main' });
  });
  it('serves the bundled model from the app itself', () => {
    expect(modelSourceFromParams(new URLSearchParams(`model=${BUNDLED_MODEL_ID}`), bundled).host).toBe(bundled);
  });
  it("asks for the catalog's pinned revision unless the URL names one", () => {
    const pinned = (id: string) => (id === DEFAULT_MODEL_ID ? 'abc123' : undefined);
    expect(modelSourceFromParams(new URLSearchParams(''), bundled, pinned).revision).toBe('abc123');
    expect(modelSourceFromParams(new URLSearchParams('revision=v9'), bundled, pinned).revision).toBe('v9');
    expect(modelSourceFromParams(new URLSearchParams('model=other/model'), bundled, pinned).revision).toBe('main');
  });
  it('takes model, host and revision from the URL', () => {
    expect(modelSourceFromParams(new URLSearchParams('model=a/b&host=/models&revision=v2'), bundled)).toEqual({ id: 'a/b', host: '/models', revision: 'v2' });
  });
});

describe('isHubHost', () => {
  it('is the hub by exact origin only', () => {
    expect(isHubHost('https://huggingface.co')).toBe(true);
    expect(isHubHost('https://huggingface.co/')).toBe(true);
    for (const host of ['https://evilhuggingface.co', 'http://huggingface.co', 'https://huggingface.co.evil.example', 'https://user@huggingface.co', 'https://huggingface.co:8443', '/models', 'not a url']) {
      expect(isHubHost(host), host).toBe(false);
    }
  });
});
