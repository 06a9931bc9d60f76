/** The probe store against a fake probe client (the worker boundary): training, progress, cancel, errors, examples. */
import { describe, expect, it } from 'vitest';
import { ClipError } from '../../../workers/errors';
import { noWork, type TrainedProbe } from '../../clip/probe';
import type { ProbeClient, ProbeCallOptions } from '../worker/probeClient';
import { createProbeStore, MAX_EXAMPLES_PER_CLASS, type TrainRequest } from './probeStore';

const trained: TrainedProbe = { classes: ['a', 'b'], dim: 2, weights: Float64Array.from([1, 0, 0, 1]), intercepts: Float64Array.from([0, 0]), c: 10, start: 'zero', sweep: null, folds: 0, examples: 4, work: { sweep: noWork(), final: noWork() } };
const request: TrainRequest = {
  input: { embeddings: new Float32Array(8), dim: 2, y: Int32Array.from([0, 0, 1, 1]), classes: ['a', 'b'], zeroShot: null },
  start: 'zero',
  modelId: 'm',
  trainedOn: { gallery: 4, camera: 0 },
};

/** Answers when told to; honours the abort signal as the real client does. */
function fakeClient() {
  let settle: { resolve: (p: TrainedProbe) => void; reject: (e: unknown) => void; options: ProbeCallOptions } | null = null;
  const client = {
    train: (_input: unknown, _start: unknown, options: ProbeCallOptions = {}) =>
      new Promise<TrainedProbe>((resolve, reject) => {
        settle = { resolve, reject, options };
        options.signal?.addEventListener('abort', () => reject(new ClipError({ kind: 'cancelled', message: 'Cancelled' })));
      }),
  } as unknown as ProbeClient;
  return { client, call: () => settle! };
}

describe('the probe store', () => {
  it('trains in the worker with progress, then holds the probe stamped with the model', async () => {
    const { client, call } = fakeClient();
    const store = createProbeStore({ client: () => client });
    const done = store.getState().train(request);
    expect(store.getState().training).toEqual({ done: 0, total: 1 });
    call().options.onProgress?.(3, 22);
    expect(store.getState().training).toEqual({ done: 3, total: 22 });
    call().resolve(trained);
    await done;
    const probe = store.getState().probe!;
    expect(probe.modelId).toBe('m');
    expect(Array.from(probe.weights)).toEqual([1, 0, 0, 1]);
    expect(probe.source).toBe('trained');
    expect(store.getState().training).toBeNull();
  });

  it('Cancel stops the training and keeps the previous probe', async () => {
    const { client, call } = fakeClient();
    const store = createProbeStore({ client: () => client });
    const first = store.getState().train(request);
    call().resolve(trained);
    await first;
    const previous = store.getState().probe;
    const second = store.getState().train(request);
    store.getState().cancel();
    await second;
    expect(store.getState().probe).toBe(previous);
    expect(store.getState().training).toBeNull();
    expect(store.getState().error).toMatch(/cancelled/);
  });

  it('a failure is said, and nothing is lost', async () => {
    const { client, call } = fakeClient();
    const store = createProbeStore({ client: () => client });
    const done = store.getState().train(request);
    call().reject({ kind: 'limit', message: 'probe: no example of "c"' });
    await done;
    expect(store.getState().error).toBe('probe: no example of "c"');
    expect(store.getState().probe).toBeNull();
  });

  it('keeps at most MAX_EXAMPLES_PER_CLASS recorded frames per class', () => {
    const store = createProbeStore({ client: () => fakeClient().client });
    const example = { label: 'a', embedding: new Float32Array(2), modelId: 'm', dim: 2 };
    for (let i = 0; i < MAX_EXAMPLES_PER_CLASS; i++) expect(store.getState().addExample(example)).toBe(true);
    expect(store.getState().addExample(example)).toBe(false);
    expect(store.getState().addExample({ ...example, label: 'b' })).toBe(true);
    store.getState().clearExamples('a');
    expect(store.getState().examples.map((e) => e.label)).toEqual(['b']);
  });
});
