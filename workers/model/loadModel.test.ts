/// <reference types="node" />
/**
 * Loading the bundled model with onnxruntime-node from its folder: what the page is told, the
 * WebGPU → WASM fallback at creation, and typed errors for every way a model can be broken.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileProgress } from '../api';
import { ClipError } from '../errors';
import type { ModelFiles } from '../modelFiles';
import type { OrtRuntime } from '../ort';
import { BUNDLED_MODEL_DIR, diskModelFiles, loadBundledModel, nodeRuntime } from '../testing/nodeModel';

let copies: string[] = [];
afterEach(() => {
  copies.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  copies = [];
});

/** A copy of the bundled model with one file replaced. */
function brokenModel(file: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'clip-model-'));
  copies.push(dir);
  cpSync(BUNDLED_MODEL_DIR, dir, { recursive: true });
  writeFileSync(join(dir, file), content);
  return dir;
}

async function loadFailure(dir: string, backend: 'wasm' | 'webgpu' = 'wasm'): Promise<ClipError> {
  const error = await loadBundledModel({ backend }, { files: diskModelFiles(dir) }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ClipError);
  return error as ClipError;
}

describe('loadClipModel', () => {
  it('reads the text tower only once the image session is made and its bytes are freed (one tower in memory at a time)', async () => {
    const disk = diskModelFiles();
    const events: string[] = [];
    const files: ModelFiles = {
      ...disk,
      read: (file, options) => (events.push(`read ${file}`), disk.read(file, options)),
      release: (bytes) => events.push(`release ${bytes.byteLength}`),
    };
    const model = await loadBundledModel({}, { files });
    await model.dispose();
    const visionSize = readFileSync(join(BUNDLED_MODEL_DIR, 'onnx/vision_model_quantized.onnx')).byteLength;
    const at = (event: string) => events.indexOf(event);
    expect(at(`release ${visionSize}`)).toBeGreaterThan(at('read onnx/vision_model_quantized.onnx'));
    expect(at('read onnx/text_model_quantized.onnx')).toBeGreaterThan(at(`release ${visionSize}`));
  });

  it("loads the bundled model on WASM with the catalog's 8-bit towers and says what it loaded", async () => {
    const progress: FileProgress[] = [];
    const model = await loadBundledModel({}, { generation: 7, read: { onProgress: (p) => progress.push(p) } });
    try {
      expect(model.info).toMatchObject({
        generation: 7,
        backend: 'wasm',
        precision: 'q8',
        visionPrecision: 'q8',
        threads: 1,
        embeddingDim: 64,
        imageSize: { width: 64, height: 64 },
        contextLength: 77,
        fallbackReason: null,
      });
      expect(progress.filter((p) => p.done).map((p) => p.file).sort()).toEqual([
        'config.json',
        'onnx/text_model_quantized.onnx',
        'onnx/vision_model_quantized.onnx',
        'preprocessor_config.json',
        'tokenizer.json',
        'tokenizer_config.json',
      ]);
    } finally {
      await model.dispose();
    }
  });

  it('falls back to WASM when WebGPU cannot be used, and says why', async () => {
    const model = await loadBundledModel({ backend: 'webgpu' });
    try {
      expect(model.info).toMatchObject({ backend: 'wasm', precision: 'q8', fallbackReason: 'WebGPU failed (no WebGPU adapter is available); using WASM instead' });
      const texts = await model.encodeTexts(['a photo of a red circle.']);
      expect(texts.embeddings).toHaveLength(64);
    } finally {
      await model.dispose();
    }
  });

  it('does not blame the GPU for a failed download', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clip-model-'));
    copies.push(dir);
    cpSync(BUNDLED_MODEL_DIR, dir, { recursive: true });
    rmSync(join(dir, 'onnx/vision_model.onnx'));
    // A GPU that works (its sessions run on onnxruntime-node's CPU: there is no GPU here).
    const gpu: OrtRuntime = { ...nodeRuntime, prepareGpu: () => Promise.resolve({ device: {}, release: () => undefined }) };
    const error = await loadBundledModel({ backend: 'webgpu', precision: 'fp32' }, { files: diskModelFiles(dir), runtime: gpu }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 404, file: 'onnx/vision_model.onnx' });
  });

  it('reports a broken ONNX file as an invalid model naming the file', async () => {
    const error = await loadFailure(brokenModel('onnx/vision_model_quantized.onnx', new Uint8Array([1, 2, 3, 4])));
    expect(error).toMatchObject({ kind: 'invalid-model', file: 'onnx/vision_model_quantized.onnx' });
    expect(error.message).toMatch(/^onnx\/vision_model_quantized.onnx could not be loaded by onnxruntime: /);
  });

  it('reports a broken preprocessor config as an invalid model', async () => {
    const error = await loadFailure(brokenModel('preprocessor_config.json', JSON.stringify({ image_mean: 'grey' })));
    expect(error).toMatchObject({ kind: 'invalid-model', file: 'preprocessor_config.json' });
    expect(error.message).toMatch(/^Invalid preprocessor_config.json: /);
  });

  it('reports a broken tokenizer as an invalid model', async () => {
    const error = await loadFailure(brokenModel('tokenizer.json', JSON.stringify({ version: '1.0' })));
    expect(error).toMatchObject({ kind: 'invalid-model', file: 'tokenizer.json' });
    expect(error.message).toBe('The tokenizer could not be made: tokenizer.json: expected an object with a "model" section');
  });

  it('refuses a preprocessor that asks for huge images, as an invalid model', async () => {
    const config = { do_resize: true, size: 6000, do_center_crop: true, crop_size: 6000, do_normalize: false };
    const error = await loadFailure(brokenModel('preprocessor_config.json', JSON.stringify(config)));
    expect(error).toMatchObject({ kind: 'invalid-model', file: 'preprocessor_config.json' });
    expect(error.message).toContain('more than the 1024 pixels');
  });

  it('refuses a tokenizer whose patterns are not known ones, as an invalid model', async () => {
    const tokenizer = JSON.parse(readFileSync(join(BUNDLED_MODEL_DIR, 'tokenizer.json'), 'utf8')) as { pre_tokenizer: { pretokenizers: { pattern: { Regex: string } }[] } };
    const split = tokenizer.pre_tokenizer.pretokenizers[0];
    if (split) split.pattern.Regex = '(a+)+$';
    const error = await loadFailure(brokenModel('tokenizer.json', JSON.stringify(tokenizer)));
    expect(error).toMatchObject({ kind: 'invalid-model', file: 'tokenizer.json' });
    expect(error.message).toContain('(a+)+$');
  });

  it('fails with cancelled when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadBundledModel({}, { read: { signal: controller.signal } })).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
