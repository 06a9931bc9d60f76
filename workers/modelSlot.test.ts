/** The model slot with real models: leases keep a replaced model alive until its calls end. */
import { describe, expect, it, vi } from 'vitest';
import type { ClipModel } from './model/clipModel';
import { ModelSlot } from './modelSlot';
import { loadBundledModel } from './testing/nodeModel';

function load(slot: ModelSlot<ClipModel>, signal?: AbortSignal) {
  return slot.load((generation) => loadBundledModel({ precision: 'fp32' }, { generation, nextGeneration: slot.nextGeneration }), signal);
}

describe('ModelSlot', () => {
  it('releases a replaced model only when the last call leasing it ends', async () => {
    const slot = new ModelSlot<ClipModel>();
    const first = await load(slot);
    const dispose = vi.spyOn(first, 'dispose');
    const lease = await slot.acquire();
    const second = await load(slot);
    expect(slot.isCurrent(second)).toBe(true);
    expect(dispose).not.toHaveBeenCalled();
    // The leased model still works for the call that holds it.
    expect((await lease.model.encodeTexts(['red'])).generation).toBe(first.generation);
    lease.release();
    lease.release(); // idempotent
    expect(dispose).toHaveBeenCalledTimes(1);
    const next = await slot.acquire();
    expect(next.model).toBe(second);
    next.release();
    await second.dispose();
  });

  it('disposes a model whose load finished after it was aborted, and keeps the current one', async () => {
    const slot = new ModelSlot<ClipModel>();
    const first = await load(slot);
    const controller = new AbortController();
    let made: ClipModel | undefined;
    const loading = slot.load(async (generation) => {
      made = await loadBundledModel({}, { generation });
      controller.abort(); // the page cancels just as the model is ready
      return made;
    }, controller.signal);
    await expect(loading).rejects.toMatchObject({ kind: 'cancelled' });
    expect(slot.isCurrent(first)).toBe(true);
    await vi.waitFor(async () => expect(await made!.encodeTexts(['red']).catch((e: unknown) => e)).toMatchObject({ kind: 'internal', message: 'The model was released' }));
    await first.dispose();
  });

  it('lets a waiting call be cancelled', async () => {
    const slot = new ModelSlot<ClipModel>();
    let finish: () => void = () => undefined;
    const loading = slot.load(() => new Promise<ClipModel>((_, reject) => (finish = () => reject(new Error('never mind')))));
    const controller = new AbortController();
    const waiting = slot.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'cancelled' });
    finish();
    await expect(loading).rejects.toThrow('never mind');
    await expect(slot.acquire()).rejects.toMatchObject({ kind: 'no-model', message: 'No model is loaded' });
  });

  it('counts generations for loads and backend changes alike', async () => {
    const slot = new ModelSlot<ClipModel>();
    expect(slot.nextGeneration()).toBe(1);
    const model = await load(slot);
    expect(model.generation).toBe(2);
    expect(slot.nextGeneration()).toBe(3);
    await model.dispose();
  });

  it('makes a model current under a generation newer than any the old model took while it loaded', async () => {
    const slot = new ModelSlot<ClipModel>();
    const first = await load(slot);
    let renewedFirst = 0;
    const second = await slot.load(async (generation) => {
      const made = await loadBundledModel({ precision: 'fp32' }, { generation, nextGeneration: slot.nextGeneration });
      // Meanwhile the model in use changes generation (here another image fit; a lost GPU alike).
      renewedFirst = (await first.setImageFit('pad')).generation;
      expect(renewedFirst).toBeGreaterThan(made.generation);
      return made;
    });
    expect(slot.isCurrent(second)).toBe(true);
    expect(second.generation).toBeGreaterThan(renewedFirst);
    expect((await second.encodeTexts(['red'])).generation).toBe(second.generation);
    await second.dispose();
  });
});
