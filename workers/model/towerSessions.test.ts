/** The two sessions of one model: the text session is made lazily on WASM, and released once. */
import { describe, expect, it } from 'vitest';
import type { BackendPlan } from '../backend';
import { diskModelFiles, nodeRuntime } from '../testing/nodeModel';
import { TowerSessions } from './towerSessions';

const wasmPlan: BackendPlan = { backend: 'wasm', precision: 'q8', vision: 'fp32', note: null };

describe('TowerSessions', () => {
  it('makes the vision session at once and the text session on first use, from the planned files', async () => {
    const read: string[] = [];
    const files = diskModelFiles();
    const sessions = await TowerSessions.create({
      files: { source: files.source, read: (file, options) => (read.push(file), files.read(file, options)) },
      plan: wasmPlan,
      runtime: nodeRuntime,
      threads: 1,
      onDeviceLost: () => undefined,
    });
    expect(read.sort()).toEqual(['onnx/text_model_quantized.onnx', 'onnx/vision_model.onnx']);
    expect(sessions.threads).toBe(1);
    expect(sessions.vision.inputNames).toEqual(['pixel_values']);
    expect(sessions.textReady).toBe(false);
    const text = await sessions.text();
    expect(text.inputNames).toEqual(['input_ids']);
    expect(sessions.textReady).toBe(true);
    expect(await sessions.text()).toBe(text);
    // A text fingerprint names the file's bytes: a regenerated model must not reuse cached texts.
    expect(sessions.textFingerprint).toMatch(/^654954-[0-9a-f]+$/);
    await sessions.release();
    await sessions.release(); // a second release does nothing
  });

  it('refuses to make the text session after release', async () => {
    const sessions = await TowerSessions.create({ files: diskModelFiles(), plan: wasmPlan, runtime: nodeRuntime, threads: 1, onDeviceLost: () => undefined });
    await sessions.release();
    await expect(sessions.text()).rejects.toMatchObject({ kind: 'internal' });
  });
});
