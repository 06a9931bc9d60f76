/**
 * The image fit (centre crop or whole image padded) against the real stores and coordinator, the
 * worker faked at its boundary: a switch is a new generation, so everything is embedded again.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_ID } from '../../clip/modelSource';
import { cards, image, makeHarness, settle } from '../testing/appHarness';
import type { Schedule } from '../testing/fakeClipClient';

const HUB = 'Xenova/clip-vit-base-patch32';

describe('the image fit', () => {
  it('switches the model in use to a new generation; the gallery and labels follow, and scores never mix', async () => {
    const { state, client } = makeHarness(`model=${HUB}`);
    await settle();
    await state.gallery.getState().addFiles([image('wide.png')]);
    await settle();
    const before = { generation: state.model.getState().active!.model.generation, embedding: state.gallery.getState().items[0]!.embedding };
    expect(state.model.getState().active?.model.imageFit).toBe('crop');

    const switching = state.model.getState().setImageFit('pad');
    expect(state.model.getState().imageFit).toBe('pad'); // the choice shows at once
    await switching;
    const model = state.model.getState().active!.model;
    expect(model.imageFit).toBe('pad');
    expect(model.generation).toBeGreaterThan(before.generation);
    expect(client.calls.setImageFit).toBe(1);
    await settle();

    const [item] = state.gallery.getState().items;
    expect(item?.generation).toBe(model.generation);
    expect(item?.embedding).not.toEqual(before.embedding);
    expect(state.labels.getState().encoded?.generation).toBe(model.generation);
    expect(cards(state)['wide.png']).toMatchObject({ kind: 'scores' });

    // The same choice again asks the worker nothing.
    await state.model.getState().setImageFit('pad');
    expect(client.calls.setImageFit).toBe(1);
  });

  it('made while another model loads, applies to that model once it is in use', async () => {
    const held: { label: string; run: () => void }[] = [];
    const schedule: Schedule = (work, label) => new Promise((resolve, reject) => held.push({ label, run: () => {
      try {
        resolve(work());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    } }));
    const release = async (match: RegExp) => {
      await settle();
      const index = held.findIndex((h) => match.test(h.label));
      if (index < 0) throw new Error(`nothing held matches ${match}: ${held.map((h) => h.label).join(' | ')}`);
      held.splice(index, 1)[0]!.run();
      await settle();
    };
    const { state } = makeHarness(`model=${HUB}`, schedule);
    await release(/^load/);
    void state.model.getState().load({ source: { id: BUNDLED_MODEL_ID, host: 'http://app.test/models', revision: 'main' } });
    await settle();
    void state.model.getState().setImageFit('pad');
    // The fake answers in the order released: the fit for the old model first, then the load.
    await release(/^fit pad/);
    await release(/^load/);
    expect(state.model.getState().active?.model.source.id).toBe(BUNDLED_MODEL_ID);
    // The load was asked before the choice: the page applies the fit to the new model afterwards.
    expect(state.model.getState().active?.model.imageFit).toBe('crop');
    await release(/^fit pad/);
    expect(state.model.getState().active?.model).toMatchObject({ source: { id: BUNDLED_MODEL_ID }, imageFit: 'pad' });
    expect(state.model.getState().imageFit).toBe('pad');
  });

  it('chosen before any model is in use, is asked of the first load', async () => {
    const { state } = makeHarness('model=offline/model');
    await settle();
    expect(state.model.getState().active).toBeNull();
    await state.model.getState().setImageFit('pad');
    await state.model.getState().load({ source: { id: HUB, host: 'https://huggingface.co', revision: 'main' } });
    expect(state.model.getState().active?.model.imageFit).toBe('pad');
  });
});
