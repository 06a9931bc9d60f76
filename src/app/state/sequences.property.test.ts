/**
 * Model-based test of the state layer: random sequences of what a user can do (load, switch and
 * fail models, cancel downloads, edit labels, presets, ensemble, undo, cancel encodes, add and
 * remove images) and of the worker dying (recovered, or too often: then Retry), with the worker's answers arriving in random order (fast-check's scheduler),
 * against the real stores and coordinator with the worker faked only at its boundary. After every
 * step the invariants hold; once everything has settled, the app has caught up.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_ID, HUB_HOST } from '../../clip/modelSource';
import { parseLabels } from '../labels/labels';
import { scoreItem } from '../gallery/scores';
import { image, makeHarness, settle, type Harness } from '../testing/appHarness';
import type { Schedule } from '../testing/fakeClipClient';
import { needsEmbedding } from './coordinator';
import { setupKey } from './labelStore';

type Command =
  | { type: 'load'; model: string }
  | { type: 'cancelLoad' }
  | { type: 'retry' }
  | { type: 'typeLabels'; text: string }
  | { type: 'template'; text: string }
  | { type: 'ensemble'; on: boolean }
  | { type: 'preset'; id: string }
  | { type: 'myLabels' }
  | { type: 'undo' }
  | { type: 'cancelEncode' }
  | { type: 'add'; names: string[] }
  | { type: 'remove'; index: number }
  | { type: 'clear' }
  | { type: 'crash' }
  | { type: 'crashForGood' }
  | { type: 'retryWorker' }
  | { type: 'time' }
  | { type: 'answer'; count: number };

const MODELS = [BUNDLED_MODEL_ID, 'Xenova/clip-vit-base-patch32', 'Xenova/clip-vit-base-patch16', 'offline/model'];

const command: fc.Arbitrary<Command> = fc.oneof(
  // The worker answering is the most common event: weighted so that sequences get far enough.
  { arbitrary: fc.record({ type: fc.constant('answer' as const), count: fc.integer({ min: 1, max: 4 }) }), weight: 8 },
  { arbitrary: fc.constant({ type: 'time' as const }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('load' as const), model: fc.constantFrom(...MODELS) }), weight: 2 },
  fc.constant({ type: 'cancelLoad' as const }),
  fc.constant({ type: 'retry' as const }),
  fc.record({ type: fc.constant('typeLabels' as const), text: fc.constantFrom('cat\ndog', 'red circle\nblue square', '', 'a\nb\nc\nd', 'cat') }),
  fc.record({ type: fc.constant('template' as const), text: fc.constantFrom('a photo of a {}.', '{}', 'a drawing of a {}') }),
  fc.record({ type: fc.constant('ensemble' as const), on: fc.boolean() }),
  fc.record({ type: fc.constant('preset' as const), id: fc.constantFrom('fruit', 'pets', 'cifar10') }),
  fc.constant({ type: 'myLabels' as const }),
  fc.constant({ type: 'undo' as const }),
  { arbitrary: fc.constant({ type: 'cancelEncode' as const }), weight: 2 },
  fc.record({ type: fc.constant('add' as const), names: fc.array(fc.constantFrom('a.png', 'b.jpg', 'notes.txt', 'c.png'), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('remove' as const), index: fc.nat(5) }),
  fc.constant({ type: 'clear' as const }),
  // The worker dies: recovered by the client, or once too often (then Retry).
  fc.constant({ type: 'crash' as const }),
  fc.constant({ type: 'crashForGood' as const }),
  fc.constant({ type: 'retryWorker' as const }),
);

function sourceOf(id: string) {
  return { id, host: id === BUNDLED_MODEL_ID ? 'http://app.test/models' : HUB_HOST, revision: 'main' };
}

function run(h: Harness, c: Command, scheduler: fc.Scheduler): Promise<unknown> | void {
  const { model, labels, gallery } = h.state;
  switch (c.type) {
    case 'load':
      return void model.getState().load({ source: sourceOf(c.model) });
    case 'cancelLoad':
      return model.getState().cancel();
    case 'retry':
      return void model.getState().retry();
    case 'typeLabels':
      return labels.getState().setLabelsText(c.text);
    case 'template':
      return labels.getState().setTemplate(c.text);
    case 'ensemble':
      return labels.getState().setEnsemble(c.on);
    case 'preset':
      return labels.getState().applyPreset(c.id);
    case 'myLabels':
      return labels.getState().restoreMyLabels();
    case 'undo':
      return labels.getState().undo();
    case 'cancelEncode':
      return labels.getState().cancel();
    case 'add':
      return void gallery.getState().addFiles(c.names.map((name) => image(name, name.endsWith('.txt') ? 'text/plain' : 'image/png')));
    case 'remove': {
      const item = gallery.getState().items[c.index];
      return item && gallery.getState().remove(item.id);
    }
    case 'clear':
      return gallery.getState().clear();
    case 'crash':
      return h.client.crash();
    case 'crashForGood':
      return h.client.crashForGood();
    case 'retryWorker':
      return model.getState().restartWorker();
    case 'time':
      return h.runTimers();
    case 'answer':
      return (async () => {
        for (let i = 0; i < c.count && scheduler.count() > 0; i++) await scheduler.waitOne();
      })();
  }
}

/** What must hold at every moment. */
function checkAlways(h: Harness): void {
  const { model, labels, gallery } = h.state;
  const generation = model.getState().active?.model.generation ?? null;
  const encoded = labels.getState().encoded;
  if (encoded) {
    // Labels shown beside the results = labels scored, with one embedding row each.
    expect(encoded.labels).toEqual(parseLabels(encoded.setup.labelsText));
    expect(encoded.embeddings.length).toBe(encoded.labels.length * encoded.dim);
    expect(encoded.key).toBe(setupKey(encoded.setup));
  }
  for (const item of gallery.getState().items) {
    const shown = scoreItem(item, encoded, generation); // never throws (the blank page)
    if (shown.kind === 'scores') {
      // Every score uses one generation: the model in use.
      expect(item.generation).toBe(generation);
      expect(encoded?.generation).toBe(generation);
      expect(shown.scores.length).toBeLessThanOrEqual(encoded!.labels.length);
    }
  }
}

/** Once nothing is left to answer and no timer is due, everything is up to date. */
function checkSettled(h: Harness): void {
  const { model, labels, gallery } = h.state;
  const active = model.getState().active;
  const items = gallery.getState().items;
  expect(items.filter((i) => i.status === 'pending')).toEqual([]);
  if (!active) return;
  const generation = active.model.generation;
  expect(items.filter((i) => needsEmbedding(i, generation)).map((i) => i.name)).toEqual([]);
  const s = labels.getState();
  const key = setupKey(s);
  const stopped = s.stopped !== null && s.stopped.key === key && s.stopped.generation === generation;
  if (!stopped) {
    expect(s.encoding).toBeNull();
    expect(s.encoded?.key).toBe(key);
    expect(s.encoded?.generation).toBe(generation);
    expect(s.encoded?.labels).toEqual(parseLabels(s.labelsText));
  }
}

/** Lets time pass and the worker answer until nothing is left to do. */
async function quiesce(h: Harness, scheduler: fc.Scheduler): Promise<void> {
  for (let round = 0; round < 50; round++) {
    await settle(); // calls still on their way to the fake worker arrive
    if (scheduler.count() === 0 && h.pendingTimers() === 0) return;
    h.runTimers();
    await scheduler.waitAll();
    checkAlways(h);
  }
  throw new Error('the app never settled');
}

describe('any sequence of user actions', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeEach(() => {
    rejections.length = 0;
    process.on('unhandledRejection', onRejection);
  });
  afterEach(() => {
    process.off('unhandledRejection', onRejection);
  });

  it('keeps scores to one model generation, labels shown = labels scored, and catches up', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.boolean(), fc.array(command, { minLength: 1, maxLength: 40 }), async (scheduler, warm, commands) => {
        const schedule: Schedule = (work, label) => scheduler.schedule(Promise.resolve(label), label).then(() => work());
        const start = MODELS[commands.length % 3]!;
        const h = makeHarness(`model=${encodeURIComponent(start)}&labels=cat%0Adog`, schedule);
        try {
          // Half the runs start from a loaded app, the others while it is still loading.
          if (warm) await quiesce(h, scheduler);
          let lastGeneration = 0;
          for (const c of commands) {
            const failedBefore = h.state.model.getState().failure;
            const activeBefore = h.state.model.getState().active;
            const encodingBefore = h.state.labels.getState().encoding;
            await run(h, c, scheduler);
            checkAlways(h);
            const state = h.state.model.getState();
            // The model in use only ever moves forward...
            const generation = state.active?.model.generation ?? 0;
            expect(generation).toBeGreaterThanOrEqual(lastGeneration);
            lastGeneration = generation;
            // ...and a load that fails or is cancelled never takes it away.
            if (activeBefore) expect(state.active).not.toBeNull();
            if (state.failure && state.failure !== failedBefore && state.active) expect(state.active.request).not.toBe(state.failure.request);
            // Cancelling an encode puts the setup back to what the results show.
            if (c.type === 'cancelEncode' && encodingBefore && h.state.labels.getState().encoded) {
              expect(setupKey(h.state.labels.getState())).toBe(h.state.labels.getState().encoded!.key);
            }
          }
          await quiesce(h, scheduler);
          // A worker that died for good is brought back with Retry, as the page offers.
          if (h.state.model.getState().worker.state === 'failed') {
            h.state.model.getState().restartWorker();
            await quiesce(h, scheduler);
          }
          expect(h.state.model.getState().worker.state).toBe('running');
          checkSettled(h);
        } finally {
          h.stop();
        }
        expect(rejections).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
