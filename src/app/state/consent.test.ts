/**
 * The model store asks the source policy before every load: a link naming another host, an
 * unpinned revision or a large precision waits for the user's answer, and nothing reaches the
 * worker until then.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, HUB_HOST } from '../../clip/modelSource';
import { assessLoad } from '../../clip/sourcePolicy';
import { FAKE_MODELS, settle } from '../testing/appHarness';
import { FakeClipClient } from '../testing/fakeClipClient';
import { createModelStore } from './modelStore';
import { readAppParams } from './urlParams';
import type { LoadRequest } from '../../../workers/api';

const PAGE = 'http://app.test/';

function storeFor(query: string) {
  const client = new FakeClipClient(FAKE_MODELS);
  const params = readAppParams(new URLSearchParams(query), 'http://app.test/models', 2);
  const initial: LoadRequest = { source: params.source, backend: params.backend, precision: params.precision };
  const store = createModelStore({ client, initial, assess: (request) => assessLoad(request, PAGE) });
  return { client, store };
}

describe('consent before a load', () => {
  it('loads a catalog model from the hub without asking', async () => {
    const { client, store } = storeFor('');
    await store.getState().load();
    expect(store.getState().consent).toBeNull();
    expect(client.calls.loadModel).toBe(1);
    expect(store.getState().active?.model.source.id).toBe(DEFAULT_MODEL_ID);
  });

  it('asks before a foreign host, requests nothing, and loads only once approved', async () => {
    const { client, store } = storeFor('host=https://example.invalid');
    await store.getState().load();
    const question = store.getState().consent;
    expect(question?.assessment.reasons).toEqual(['foreign-host']);
    expect(question?.assessment.hostLabel).toBe('https://example.invalid');
    expect(client.calls.loadModel).toBe(0);
    expect(store.getState().pending).toBeNull();

    await store.getState().approve();
    await settle();
    expect(client.calls.loadModel).toBe(1);
    expect(store.getState().consent).toBeNull();
    // The answer holds for this page: a retry or a backend change does not ask again.
    await store.getState().load({ backend: 'wasm' });
    expect(store.getState().consent).toBeNull();
    expect(client.calls.loadModel).toBe(2);
  });

  it('declining loads nothing and keeps the model in use', async () => {
    const { client, store } = storeFor('');
    await store.getState().load();
    await store.getState().load({ precision: 'fp32' });
    expect(store.getState().consent?.assessment.reasons).toEqual(['large-download']);
    store.getState().decline();
    expect(store.getState().consent).toBeNull();
    expect(store.getState().declined?.request.precision).toBe('fp32');
    expect(client.calls.loadModel).toBe(1);
    expect(store.getState().active?.request.precision).toBe('auto');
  });

  it('asks when a revision turns the SHA-256 checks off', async () => {
    const { client, store } = storeFor('revision=main');
    await store.getState().load();
    expect(store.getState().consent?.assessment.reasons).toEqual(['unpinned-revision']);
    expect(client.calls.loadModel).toBe(0);
  });

  it("takes a choice in the app's own picker as consent", async () => {
    const { client, store } = storeFor('');
    await store.getState().load({ source: { id: DEFAULT_MODEL_ID, host: HUB_HOST, revision: 'main' } }, { consented: true });
    expect(store.getState().consent).toBeNull();
    expect(client.calls.loadModel).toBe(1);
  });
});
