/// <reference types="node" />
/**
 * The model says which of its files were checked: a real SHA-256 check against the catalog's pins
 * of the bundled model, and a file without a pin reported as such.
 */
import { describe, expect, it } from 'vitest';
import { catalogEntry } from '../src/clip/catalog';
import { BUNDLED_MODEL_ID } from '../src/clip/modelSource';
import { ClipError } from './errors';
import { verify } from './modelCache';
import { sha256Hex } from './sha256';
import type { ModelFiles } from './modelFiles';
import { BUNDLED_MODEL_DIR, diskModelFiles, loadBundledModel } from './testing/nodeModel';
import { describeVerification, recordVerification } from './verification';

/** The bundled model from disk, each file checked against `pins` as the worker's cache does. */
function pinnedDiskFiles(pins: Record<string, { size: number; sha256: string }>): ModelFiles {
  const disk = diskModelFiles(BUNDLED_MODEL_DIR);
  return {
    source: disk.source,
    pinned: (file) => pins[file] !== undefined,
    async read(file, options) {
      const bytes = await disk.read(file, options);
      verify(file, bytes, await sha256Hex(bytes), pins[file]);
      return bytes;
    },
  };
}

describe('verification report', () => {
  it('lists every file the load read as checked when each has a pin', async () => {
    const pins = catalogEntry(BUNDLED_MODEL_ID)?.integrity ?? {};
    const model = await loadBundledModel({}, { files: pinnedDiskFiles(pins) });
    try {
      expect(model.info.verification).toEqual({
        checked: ['config.json', 'onnx/text_model_quantized.onnx', 'onnx/vision_model_quantized.onnx', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'],
        unchecked: [],
      });
      expect(describeVerification(model.info.verification)).toBe('6 of 6 files checked by SHA-256');
    } finally {
      await model.dispose();
    }
  });

  it('reports files without a pin as unchecked, and "not verified" when none had one', async () => {
    const pins = { ...catalogEntry(BUNDLED_MODEL_ID)?.integrity };
    delete pins['tokenizer.json'];
    const model = await loadBundledModel({}, { files: pinnedDiskFiles(pins) });
    try {
      expect(model.info.verification.unchecked).toEqual(['tokenizer.json']);
      expect(describeVerification(model.info.verification)).toBe('5 of 6 files checked by SHA-256');
    } finally {
      await model.dispose();
    }
    const plain = await loadBundledModel({}, { files: diskModelFiles() });
    try {
      expect(describeVerification(plain.info.verification)).toBe('not verified');
    } finally {
      await plain.dispose();
    }
  });

  it('records nothing for a read that failed its check', async () => {
    const recorded = recordVerification(pinnedDiskFiles({ 'config.json': { size: 1, sha256: '00' } }));
    await expect(recorded.files.read('config.json')).rejects.toBeInstanceOf(ClipError);
    expect(recorded.report()).toEqual({ checked: [], unchecked: [] });
  });
});
