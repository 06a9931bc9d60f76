/**
 * A tower file rewritten with its weights as external data (pointing into its own bytes) must be
 * the same model: onnxruntime-node loads the rewritten graph with the original file beside it as
 * the weights file (as onnxruntime-web does from memory) and must give the same numbers, in every
 * precision the bundled model ships. And a tower made through TowerSessions that way must too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackendPlan } from '../backend';
import type { OrtModule, OrtRuntime, SessionOptions } from '../ort';
import { BUNDLED_MODEL_DIR, diskModelFiles, nodeRuntime } from '../testing/nodeModel';
import { externalizeWeights, WEIGHTS_FILE } from './externalWeights';
import { TowerSessions } from './towerSessions';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Loads a split model the way onnxruntime-node can: the graph and the weights as files side by side. */
async function sessionFromSplit(graph: Uint8Array, weights: Uint8Array, options: SessionOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'clip-split-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'model.onnx'), graph);
  writeFileSync(join(dir, WEIGHTS_FILE), weights);
  return ortNode.InferenceSession.create(join(dir, 'model.onnx'), { ...options, externalData: undefined });
}

function randomInput(length: number): Float32Array {
  let seed = 12345;
  return Float32Array.from({ length }, () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1);
}

describe('externalizeWeights', () => {
  for (const file of ['onnx/vision_model.onnx', 'onnx/vision_model_quantized.onnx', 'onnx/vision_model_fp16.onnx']) {
    it(`keeps ${file} the same model, with a graph a fraction of its size`, async () => {
      const bytes = new Uint8Array(readFileSync(join(BUNDLED_MODEL_DIR, file)));
      const split = externalizeWeights(bytes);
      expect(split).not.toBeNull();
      expect(split!.tensors).toBeGreaterThan(0);
      expect(split!.graph.length).toBeLessThan(bytes.length / 2);
      const whole = await ortNode.InferenceSession.create(bytes);
      const external = await sessionFromSplit(split!.graph, bytes);
      const input = new ortNode.Tensor('float32', randomInput(3 * 64 * 64), [1, 3, 64, 64]);
      const a = await whole.run({ pixel_values: input });
      const b = await external.run({ pixel_values: input });
      for (const name of whole.outputNames) expect(Array.from(b[name]!.data as ArrayLike<number>)).toEqual(Array.from(a[name]!.data as ArrayLike<number>));
      await whole.release();
      await external.release();
    });
  }

  it('leaves what is not a plain ONNX model with inline weights alone', () => {
    expect(externalizeWeights(new Uint8Array([0xff, 0xff, 0xff]))).toBeNull();
    expect(externalizeWeights(new TextEncoder().encode('<html>not a model</html>'))).toBeNull();
    const bytes = new Uint8Array(readFileSync(join(BUNDLED_MODEL_DIR, 'onnx/text_model.onnx')));
    const once = externalizeWeights(bytes)!;
    expect(externalizeWeights(once.graph)).toBeNull(); // its weights are external already
  });
});

describe('TowerSessions on a runtime that takes weights from memory', () => {
  it('makes the towers from the split files, with the same results', async () => {
    const created: { external: boolean }[] = [];
    const ort: OrtModule = {
      ...ortNode,
      InferenceSession: {
        ...ortNode.InferenceSession,
        // onnxruntime-web's `externalData` from memory, done with files for onnxruntime-node.
        create: (model: Uint8Array, options?: SessionOptions) => {
          const mounted = options?.externalData?.[0];
          created.push({ external: mounted !== undefined });
          if (!mounted) return ortNode.InferenceSession.create(model, options);
          expect(mounted).toMatchObject({ path: WEIGHTS_FILE });
          return sessionFromSplit(model, (mounted as { data: Uint8Array }).data, options);
        },
      } as unknown as OrtModule['InferenceSession'],
    };
    const mounting: OrtRuntime = { ...nodeRuntime, mountsWeights: true, load: () => Promise.resolve(ort) };
    const plan: BackendPlan = { backend: 'wasm', precision: 'q8', vision: 'fp32', note: null };
    const split = await TowerSessions.create({ files: diskModelFiles(), plan, runtime: mounting, threads: 1, onDeviceLost: () => undefined });
    const whole = await TowerSessions.create({ files: diskModelFiles(), plan, runtime: nodeRuntime, threads: 1, onDeviceLost: () => undefined });
    const ids = new ortNode.Tensor('int64', BigInt64Array.from([1n, 320n, 1125n, 1824n]) /* within the tiny model's vocabulary */, [1, 4]);
    const [a, b] = await Promise.all([whole.text(), split.text()]).then(([w, s]) => Promise.all([w.run({ input_ids: ids }), s.run({ input_ids: ids })]));
    expect(created).toEqual([{ external: true }, { external: true }]);
    const name = (await whole.text()).outputNames[0]!;
    expect(Array.from(b[name]!.data as Float32Array)).toEqual(Array.from(a[name]!.data as Float32Array));
    await split.release();
    await whole.release();
  });
});
