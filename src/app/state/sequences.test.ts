/**
 * Sequences of user actions that used to leave the app wrong (issue "Correct under any sequence
 * of actions"), against the real stores and coordinator with the worker faked at its boundary.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_ID } from '../../clip/modelSource';
import { SHAPE_LABELS } from '../labels/defaultLabels';
import { BUNDLED_DIM, cards, editorLabels, image, makeHarness, settle } from '../testing/appHarness';
import type { Schedule } from '../testing/fakeClipClient';
import { setupKey } from './labelStore';
import { modelStatus } from './modelStore';
import { writeSetup } from './urlParams';

const HUB = 'Xenova/clip-vit-base-patch32';

/** A schedule that holds every answer until the test releases it. */
function heldSchedule() {
  const held: { label: string; run: () => void }[] = [];
  const schedule: Schedule = (work, label) =>
    new Promise((resolve, reject) => {
      held.push({
        label,
        run: () => {
          try {
            resolve(work());
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error))); // the fake client throws ClipErrors
          }
        },
      });
    });
  return {
    schedule,
    labels: () => held.map((h) => h.label),
    /** Answers the first held call whose label matches (once the calls made so far have arrived). */
    async release(match: RegExp) {
      await settle();
      const index = held.findIndex((h) => match.test(h.label));
      if (index < 0) throw new Error(`nothing held matches ${match}; held: ${held.map((h) => h.label).join(' | ')}`);
      const [call] = held.splice(index, 1);
      call!.run();
    },
    async releaseAll() {
      await settle();
      while (held.length > 0) held.shift()!.run();
    },
  };
}

describe('a model switch', () => {
  it('to a model with another embedding size never compares embeddings of two models', async () => {
    // The 512-d hub model is in use with two classified images.
    const held = heldSchedule();
    const { state } = makeHarness(`model=${HUB}`, held.schedule);
    await held.release(/^load/);
    await settle();
    await held.releaseAll(); // labels
    void state.gallery.getState().addFiles([image('a.png'), image('b.png')]);
    await held.releaseAll();
    await settle();
    expect(Object.values(cards(state)).map((c) => typeof c === 'object' && c.kind)).toEqual(['scores', 'scores']);

    // Switch to the 64-d bundled model. The gallery is re-embedded first, while the labels are
    // still the old model's: every card must wait, none may throw or mix the two.
    void state.model.getState().load({ source: { id: BUNDLED_MODEL_ID, host: 'http://app.test/models', revision: 'main' } });
    await held.release(/^load/);
    await settle();
    await held.release(/^images/);
    await settle();
    expect(state.gallery.getState().items.every((item) => item.embedding?.length === BUNDLED_DIM)).toBe(true);
    expect(state.labels.getState().encoded?.dim).toBe(512);
    expect(() => cards(state)).not.toThrow();
    expect(Object.values(cards(state))).toEqual([{ kind: 'waiting' }, { kind: 'waiting' }]);

    await held.releaseAll();
    await settle();
    expect(state.labels.getState().encoded?.dim).toBe(BUNDLED_DIM);
    expect(Object.values(cards(state)).map((c) => typeof c === 'object' && c.kind)).toEqual(['scores', 'scores']);
  });

  it('that fails keeps the working model, its labels and its results, and says so', async () => {
    const { state, runTimers } = makeHarness(`model=${HUB}`);
    await settle();
    state.labels.getState().setLabelsText('cat\ndog');
    runTimers();
    await state.gallery.getState().addFiles([image('photo.png')]);
    await settle();
    const before = { active: state.model.getState().active, labels: state.labels.getState().labelsText, cards: cards(state) };

    await state.model.getState().load({ source: { id: 'offline/model', host: 'https://huggingface.co', revision: 'main' } });
    await settle();
    const after = state.model.getState();
    expect(after.active).toBe(before.active);
    expect(after.failure?.request.source.id).toBe('offline/model');
    expect(after.failure?.error.kind).toBe('network');
    expect(state.labels.getState().labelsText).toBe(before.labels);
    expect(cards(state)).toEqual(before.cards);
  });

  it('drops the revision of the previous model from the shared setup', async () => {
    const { state } = makeHarness(`model=${HUB}&revision=v2-test`);
    await settle();
    expect(state.model.getState().active?.request.source.revision).toBe('v2-test');
    await state.model.getState().load({ source: { id: BUNDLED_MODEL_ID, host: 'http://app.test/models', revision: 'main' } });
    const request = state.model.getState().active!.request;
    expect(request.source.revision).toBe('main');
    const written = writeSetup({ labels: null, template: null, preset: null, ensemble: false, model: request.source.id, host: null, revision: request.source.revision, precision: null, backend: null, view: null });
    expect(written.has('revision')).toBe(false);
  });

  it('gives a new model its default labels, but keeps labels the user typed', async () => {
    const { state } = makeHarness(`model=${HUB}`);
    await settle();
    await state.model.getState().load({ source: { id: BUNDLED_MODEL_ID, host: 'http://app.test/models', revision: 'main' } });
    await settle();
    expect(editorLabels(state)).toEqual(SHAPE_LABELS);
    state.labels.getState().setLabelsText('my own\nlabels');
    await state.model.getState().load({ source: { id: HUB, host: 'https://huggingface.co', revision: 'main' } });
    await settle();
    expect(editorLabels(state)).toEqual(['my own', 'labels']);
  });
});

describe('label presets', () => {
  it('keep "My labels" to restore, and can be undone', async () => {
    const h = makeHarness(`model=${HUB}&labels=${encodeURIComponent('mug\nkettle')}`);
    await settle();
    const labels = h.state.labels;
    labels.getState().applyPreset('fruit');
    expect(labels.getState().preset).toBe('fruit');
    expect(labels.getState().myLabels).toBe('mug\nkettle');
    labels.getState().applyPreset('pets');
    expect(labels.getState().myLabels).toBe('mug\nkettle');
    labels.getState().restoreMyLabels();
    expect(editorLabels(h.state)).toEqual(['mug', 'kettle']);
    expect(labels.getState().preset).toBeNull();
    labels.getState().undo();
    expect(labels.getState().preset).toBe('pets');
    labels.getState().undo();
    expect(labels.getState().preset).toBe('fruit');
    labels.getState().undo();
    expect(editorLabels(h.state)).toEqual(['mug', 'kettle']);
  });

  it('are encoded at once, and results follow only once the new labels are encoded', async () => {
    const held = heldSchedule();
    const h = makeHarness(`model=${HUB}&labels=a%0Ab`, held.schedule);
    await held.release(/^load/);
    await settle();
    await held.releaseAll();
    await settle();
    h.state.labels.getState().applyPreset('fruit');
    // No debounce for a preset: its encode is already asked for.
    expect(h.pendingTimers()).toBe(0);
    await settle();
    expect(held.labels()).toEqual(['texts ×12']);
    // Until then the results (and the label count beside them) are the old ones, marked as updating.
    expect(h.state.labels.getState().encoded?.labels).toEqual(['a', 'b']);
    expect(h.state.labels.getState().encoding).not.toBeNull();
    await held.releaseAll();
    await settle();
    expect(h.state.labels.getState().encoded?.labels).toHaveLength(12);
  });
});

describe('cancelling a label encode', () => {
  it('puts the controls back to the setup the results show', async () => {
    const held = heldSchedule();
    const h = makeHarness(`model=${HUB}&labels=cat%0Adog`, held.schedule);
    await held.release(/^load/);
    await settle();
    await held.releaseAll();
    await settle();
    const labels = h.state.labels;
    labels.getState().setEnsemble(true);
    expect(labels.getState().encoding).not.toBeNull();
    labels.getState().cancel();
    await held.releaseAll();
    await settle();
    expect(labels.getState().ensemble).toBe(false);
    expect(labels.getState().encoded?.setup.ensemble).toBe(false);
    expect(setupKey(labels.getState())).toBe(labels.getState().encoded?.key);
    expect(labels.getState().error).toMatch(/cancelled/);
    // And nothing starts the cancelled encode again by itself.
    h.runTimers();
    await settle();
    expect(labels.getState().encoding).toBeNull();
  });
});

describe('typing labels', () => {
  it('is encoded once typing pauses', async () => {
    const h = makeHarness(`model=${HUB}`);
    await settle();
    const before = h.client.calls.encodeTexts;
    h.state.labels.getState().setLabelsText('c');
    h.state.labels.getState().setLabelsText('ca');
    h.state.labels.getState().setLabelsText('cat');
    expect(h.client.calls.encodeTexts).toBe(before);
    h.runTimers();
    await settle();
    expect(h.client.calls.encodeTexts).toBe(before + 1);
    expect(h.state.labels.getState().encoded?.labels).toEqual(['cat']);
  });
});

describe('a worker that dies', () => {
  it('is restarted without losing anything: the status is not "ready" meanwhile, and the image in flight gets its result', async () => {
    const held = heldSchedule();
    const h = makeHarness(`model=${HUB}&labels=cat%0Adog`, held.schedule);
    await held.release(/^load/);
    await settle();
    await held.releaseAll(); // labels
    await settle();
    const generation = h.state.model.getState().active!.model.generation;
    void h.state.gallery.getState().addFiles([image('photo.png')]);
    await settle();
    expect(cards(h.state)).toEqual({ 'photo.png': 'pending' });

    h.client.crash(); // e.g. the phone ran out of memory
    expect(modelStatus(h.state.model.getState())).toBe('restarting');
    expect(h.state.model.getState().worker).toEqual({ state: 'restarting', message: 'The model stopped (the browser may have run out of memory); restarting it…' });
    await held.release(/^restart/);
    await settle();
    expect(modelStatus(h.state.model.getState())).toBe('ready');
    expect(h.state.model.getState().notice).toBe('The model stopped (the browser may have run out of memory) and was restarted.');
    // The same model, the same generation: nothing done before is done again.
    expect(h.state.model.getState().active!.model.generation).toBe(generation);
    await held.releaseAll(); // the image, answered by the new worker
    await settle();
    expect(Object.values(cards(h.state)).map((c) => typeof c === 'object' && c.kind)).toEqual(['scores']);
    expect(h.client.calls.encodeImages).toBe(1);
    expect(h.client.calls.encodeTexts).toBe(1);
  });

  it('too often shows why and offers Retry; Retry redoes what was lost with the model back', async () => {
    const held = heldSchedule();
    const h = makeHarness(`model=${HUB}&labels=cat%0Adog`, held.schedule);
    await held.release(/^load/);
    await settle();
    await held.releaseAll();
    await settle();
    void h.state.gallery.getState().addFiles([image('photo.png')]);
    await settle();

    h.client.crashForGood('The model stopped 3 times in 2 minutes (the browser may have run out of memory). Press Retry.');
    await settle();
    expect(modelStatus(h.state.model.getState())).toBe('stopped');
    expect(h.state.model.getState().worker).toMatchObject({ state: 'failed', message: expect.stringContaining('Press Retry') as string });
    expect(cards(h.state)).toEqual({ 'photo.png': 'error: worker-died' });

    h.state.model.getState().restartWorker();
    expect(modelStatus(h.state.model.getState())).toBe('restarting');
    await held.release(/^restart/);
    await settle();
    expect(modelStatus(h.state.model.getState())).toBe('ready');
    // The model is back with a new generation: the image and the labels are encoded again.
    await held.releaseAll();
    await settle();
    expect(Object.values(cards(h.state)).map((c) => typeof c === 'object' && c.kind)).toEqual(['scores']);
    expect(h.state.labels.getState().encoded?.generation).toBe(h.state.model.getState().active!.model.generation);
  });
});
