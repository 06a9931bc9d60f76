import { describe, expect, it } from 'vitest';
import { probeMismatch, probeScores, type Probe } from './probe';
import { probeFromJson, probeToJson } from './probeFile';

const probe: Probe = {
  classes: ['cat', 'dog', 'bird'],
  dim: 2,
  weights: Float32Array.from([10, 0, 0, 10, -5, -5]),
  intercepts: Float32Array.from([0, 0, 1]),
  modelId: 'clip-shapes-tiny',
  c: 10,
  start: 'zero',
  examples: 30,
  sweep: null,
  source: 'trained',
  trainedOn: { gallery: 30, camera: 0 },
};
const model = { id: 'clip-shapes-tiny', dim: 2 };

describe('the probe on the page', () => {
  it('ranks classes by softmax(W·x/|x| + b)', () => {
    const scores = probeScores(probe, [3, 0]);
    expect(scores.map((s) => s.label)).toEqual(['cat', 'dog', 'bird']);
    const z = [10, 0, -5 + 1];
    const sum = z.reduce((a, v) => a + Math.exp(v), 0);
    expect(scores[0]!.probability).toBeCloseTo(Math.exp(10) / sum, 6);
    expect(Number.isNaN(scores[0]!.cosine)).toBe(true);
    // The embedding's length does not matter (normalised, as in training).
    expect(probeScores(probe, [30, 0])[0]!.probability).toBeCloseTo(scores[0]!.probability, 6);
  });

  it('is stale under another model, and says which', () => {
    expect(probeMismatch(probe, model)).toBeNull();
    expect(probeMismatch(probe, { id: 'Xenova/clip-vit-base-patch32', dim: 512 })).toMatch(/trained on clip-shapes-tiny \(2-dimensional embeddings\); the model in use is Xenova\/clip-vit-base-patch32 \(512\)/);
    expect(probeMismatch(probe, null)).toBe('No model is loaded.');
  });

  it('survives a round trip through its JSON file', () => {
    const back = probeFromJson(probeToJson(probe), model);
    expect(back.classes).toEqual(probe.classes);
    expect(Array.from(back.weights)).toEqual(Array.from(probe.weights));
    expect(Array.from(back.intercepts)).toEqual(Array.from(probe.intercepts));
    expect(back.source).toBe('imported');
  });

  it('refuses files that are not probes, are broken, or are for another model, with a message', () => {
    const good = JSON.parse(probeToJson(probe)) as Record<string, unknown>;
    const bad = (change: Record<string, unknown>) => JSON.stringify({ ...good, ...change });
    expect(() => probeFromJson('{', model)).toThrow('not JSON');
    expect(() => probeFromJson('{"a":1}', model)).toThrow('not a linear probe');
    expect(() => probeFromJson(bad({ version: 2 }), model)).toThrow('version 2');
    expect(() => probeFromJson(bad({ modelId: 'other', dim: 512 }), model)).toThrow('This probe is for another model');
    expect(() => probeFromJson(bad({ weights: [[1, 2], [3, 4]] }), model)).toThrow('3 rows of 2 finite numbers');
    expect(() => probeFromJson(bad({ weights: [[1, 2], [3, 4], [5, 'x']] }), model)).toThrow('finite numbers');
    expect(() => probeFromJson(bad({ intercepts: [0, 0] }), model)).toThrow('3 finite numbers');
    expect(() => probeFromJson(bad({ classes: ['a', 'a', 'b'] }), model)).toThrow('different names');
  });
});
