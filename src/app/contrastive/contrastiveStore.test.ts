import { describe, expect, it } from 'vitest';
import { FakeClipClient } from '../testing/fakeClipClient';
import { createContrastiveStore } from './contrastiveStore';

async function loadedClient(id = 'clip-shapes-tiny') {
  const client = new FakeClipClient({ 'clip-shapes-tiny': { dim: 8 }, other: { dim: 8 } });
  const model = await client.loadModel({ source: { id, host: 'http://x', revision: 'main' }, backend: 'wasm' });
  return { client, generation: model.generation };
}

describe('contrastive store', () => {
  it('encodes each caption once per model, as typed', async () => {
    const { client, generation } = await loadedClient();
    const store = createContrastiveStore({ client });
    await store.getState().ensureCaptions(['a red circle', 'a blue square', 'a red circle'], generation);
    expect(client.calls.encodeTexts).toBe(1);
    const set = store.getState().captions!;
    expect(set.generation).toBe(generation);
    expect([...set.byText.keys()]).toEqual(['a red circle', 'a blue square']);
    expect(set.byText.get('a red circle')!.embedding).toHaveLength(8);

    await store.getState().ensureCaptions(['a blue square'], generation);
    expect(client.calls.encodeTexts).toBe(1); // nothing new
    await store.getState().ensureCaptions(['a green star'], generation);
    expect(client.calls.encodeTexts).toBe(2);
    expect(store.getState().captions!.byText.size).toBe(3);
    expect(store.getState().encoding).toBe(0);
  });

  it('starts a new set for a new model instead of mixing generations', async () => {
    const { client, generation } = await loadedClient();
    const store = createContrastiveStore({ client });
    await store.getState().ensureCaptions(['a red circle', 'a blue square'], generation);
    const next = await client.loadModel({ source: { id: 'other', host: 'http://x', revision: 'main' }, backend: 'wasm' });
    await store.getState().ensureCaptions(['a red circle'], next.generation);
    const set = store.getState().captions!;
    expect(set.generation).toBe(next.generation);
    expect([...set.byText.keys()]).toEqual(['a red circle']);
  });

  it('says why captions could not be encoded', async () => {
    const client = new FakeClipClient({});
    const store = createContrastiveStore({ client });
    await store.getState().ensureCaptions(['a red circle'], 1);
    expect(store.getState().error).toMatch(/No model/);
    expect(store.getState().captions).toBeNull();
    expect(store.getState().encoding).toBe(0);
  });

  it('keeps the logit scale between 1 and 100, and shuffles only batches of two or more', async () => {
    const { client } = await loadedClient();
    const store = createContrastiveStore({ client, random: () => 0.5 });
    expect(store.getState().logitScale).toBe(100);
    store.getState().setLogitScale(0);
    expect(store.getState().logitScale).toBe(1);
    store.getState().setLogitScale(250);
    expect(store.getState().logitScale).toBe(100);
    store.getState().setLogitScale(Number.NaN);
    expect(store.getState().logitScale).toBe(100);

    store.getState().shuffle('1', 1);
    expect(store.getState().shuffled).toBeNull();
    store.getState().shuffle('1,2,3', 3);
    const order = store.getState().shuffled!.order;
    order.forEach((value, index) => expect(value).not.toBe(index));
    store.getState().sort();
    expect(store.getState().shuffled).toBeNull();
  });
});
