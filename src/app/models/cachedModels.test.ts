/** When a model counts as stored: every file one backend needs. */
import { describe, expect, it } from 'vitest';
import { isCompleteModel } from './cachedModels';

const CONFIGS = ['config.json', 'preprocessor_config.json', 'tokenizer.json'];

describe('isCompleteModel', () => {
  it("needs the configs, the tokenizer and both towers of the WASM plan or of one precision", () => {
    const q8 = ['onnx/vision_model_quantized.onnx', 'onnx/text_model_quantized.onnx'];
    expect(isCompleteModel('clip-shapes-tiny', new Set([...CONFIGS, ...q8]))).toBe(true);
    expect(isCompleteModel('clip-shapes-tiny', new Set([...CONFIGS, 'onnx/vision_model_fp16.onnx', 'onnx/text_model_fp16.onnx']))).toBe(true);
    expect(isCompleteModel('some/unknown-model', new Set([...CONFIGS, ...q8]))).toBe(true);
  });

  it('is not complete with a tower, a config or the tokenizer missing, or towers of two plans', () => {
    expect(isCompleteModel('clip-shapes-tiny', new Set([...CONFIGS, 'onnx/vision_model_quantized.onnx']))).toBe(false);
    expect(isCompleteModel('clip-shapes-tiny', new Set(['config.json', 'preprocessor_config.json', 'onnx/vision_model_quantized.onnx', 'onnx/text_model_quantized.onnx']))).toBe(false);
    expect(isCompleteModel('clip-shapes-tiny', new Set([...CONFIGS, 'onnx/vision_model_fp16.onnx', 'onnx/text_model.onnx']))).toBe(false);
  });

  it("follows the catalog's WASM plan (MobileCLIP S0: fp32 image tower, 8-bit text tower)", () => {
    const s0 = new Set([...CONFIGS, 'onnx/vision_model.onnx', 'onnx/text_model_quantized.onnx']);
    expect(isCompleteModel('Xenova/mobileclip_s0', s0)).toBe(true);
    expect(isCompleteModel('some/unknown-model', s0)).toBe(false);
  });
});
