import { describe, expect, it } from 'vitest';
import type { LoadRequest } from '../../../workers/api';
import { BUNDLED_MODEL_ID, HUB_HOST, type ModelSource } from '../../clip/modelSource';
import { isCompleteModel, type CachedModel } from '../models/cachedModels';
import { FAKE_MODELS, settle } from '../testing/appHarness';
import { FakeClipClient } from '../testing/fakeClipClient';
import { createAppState } from './appState';
import { startAppState } from './coordinator';
import { parseRemembered, rememberWorked, readRemembered, REMEMBERED_KEY, type KeyValueStorage, type RememberedModel } from './rememberedModels';
import { completeModelIds, createStartNotice, fallbackFor, loadAtStart, withRememberedModel, type StartDeps } from './startModel';
import { readAppParams } from './urlParams';

const BUNDLED_HOST = 'http://app.test/models';
const bundled: ModelSource = { id: BUNDLED_MODEL_ID, host: BUNDLED_HOST, revision: 'main' };
const hub = (id: string): ModelSource => ({ id, host: HUB_HOST, revision: 'main' });
const MODEL_FILES = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/vision_model_quantized.onnx', 'onnx/text_model_quantized.onnx'];
const cachedModel = (id: string, files = MODEL_FILES): CachedModel => ({ id, files, bytes: 1, complete: isCompleteModel(id, new Set(files)) });

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

interface World {
  online?: boolean;
  cached?: CachedModel[];
  remembered?: RememberedModel[];
}

/** The app's start as main.tsx runs it, with the fake worker and a fake browser around it. */
async function start(query: string, world: World = {}) {
  const storage = memoryStorage();
  if (world.remembered) storage.setItem(REMEMBERED_KEY, JSON.stringify(world.remembered));
  const client = new FakeClipClient(FAKE_MODELS);
  const params = withRememberedModel(readAppParams(new URLSearchParams(query), BUNDLED_HOST, 2), readRemembered(storage));
  const state = createAppState({ client, params, createObjectUrl: () => 'blob:x', revokeObjectUrl: () => undefined });
  const notice = createStartNotice();
  const deps: StartDeps = {
    online: () => world.online ?? true,
    cachedModels: () => Promise.resolve(world.cached ?? []),
    remembered: () => readRemembered(storage),
    catalogSource: (id) => (id in FAKE_MODELS ? hub(id) : null),
    bundledSource: () => bundled,
  };
  const stop = startAppState(state, { firstLoad: (s) => loadAtStart(s, deps, notice, (request) => rememberWorked(request, storage)) });
  await settle();
  await settle();
  return { state, client, notice, storage, stop, active: () => state.model.getState().active?.request ?? null };
}

describe('the last model that worked', () => {
  it('is used by a visit whose URL names no model, with its precision and backend', async () => {
    const first = await start('model=Xenova/clip-vit-base-patch16&precision=fp32&backend=wasm');
    expect(first.active()?.source.id).toBe('Xenova/clip-vit-base-patch16');
    const remembered = readRemembered(first.storage);
    expect(remembered[0]).toMatchObject({ source: { id: 'Xenova/clip-vit-base-patch16' }, precision: 'fp32', backend: 'wasm' });

    const again = await start('', { remembered });
    expect(again.active()).toMatchObject({ source: { id: 'Xenova/clip-vit-base-patch16' }, precision: 'fp32', backend: 'wasm' });
    expect(again.client.calls.loadModel).toBe(1);
    expect(again.notice.getState().message).toBeNull();
  });

  it('gives way to a model, backend or precision the URL names', async () => {
    const remembered = [{ source: bundled, backend: 'wasm' as const, precision: 'fp16' as const }];
    expect((await start('model=Xenova/clip-vit-base-patch32', { remembered })).active()?.source.id).toBe('Xenova/clip-vit-base-patch32');
    const withPrecision = await start('precision=q8', { remembered });
    expect(withPrecision.active()).toMatchObject({ source: bundled, precision: 'q8', backend: 'wasm' });
  });

  it('keeps the newest five, each model once, and ignores what it cannot read', () => {
    const storage = memoryStorage();
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'b']) rememberWorked({ source: hub(id), backend: 'auto', precision: 'auto', threads: 1 }, storage);
    expect(readRemembered(storage).map((m) => m.source.id)).toEqual(['b', 'f', 'e', 'd', 'c']);
    expect(readRemembered(storage)[0]).not.toHaveProperty('threads');
    expect(parseRemembered('{not json')).toEqual([]);
    expect(parseRemembered(JSON.stringify([{ source: { id: 'x' } }, { source: hub('y'), backend: 'auto', precision: 'auto' }]))).toHaveLength(1);
  });

  it('survives storage that throws', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readRemembered(broken)).toEqual([]);
    expect(() => rememberWorked({ source: bundled, backend: 'auto' }, broken)).not.toThrow();
  });
});

describe('starting without a network', () => {
  it('offline: a cached model loads at once instead of an uncached one, with a notice, and is not remembered as chosen', async () => {
    const remembered = [{ source: hub('Xenova/clip-vit-base-patch16'), backend: 'auto' as const, precision: 'auto' as const }];
    const app = await start('model=Xenova/clip-vit-base-patch32', { online: false, cached: [cachedModel('Xenova/clip-vit-base-patch16'), cachedModel(BUNDLED_MODEL_ID)], remembered });
    expect(app.active()?.source.id).toBe('Xenova/clip-vit-base-patch16');
    expect(app.client.calls.loadModel).toBe(1); // the uncached model was not even tried
    expect(app.state.model.getState().failure).toBeNull();
    expect(app.notice.getState().message).toBe('You are offline and CLIP ViT-B/32 is not stored in this browser: using CLIP ViT-B/16, stored in this browser, instead.');
    expect(app.notice.getState().wanted?.source.id).toBe('Xenova/clip-vit-base-patch32');
    expect(readRemembered(app.storage).map((m) => m.source.id)).toEqual(['Xenova/clip-vit-base-patch16']); // unchanged
  });

  it('offline with the wanted model cached: just loads it', async () => {
    const app = await start('model=Xenova/clip-vit-base-patch32', { online: false, cached: [cachedModel('Xenova/clip-vit-base-patch32'), cachedModel(BUNDLED_MODEL_ID)] });
    expect(app.active()?.source.id).toBe('Xenova/clip-vit-base-patch32');
    expect(app.notice.getState().message).toBeNull();
  });

  it('offline with nothing cached: tries what was asked and shows its error', async () => {
    const app = await start('model=offline/model', { online: false, cached: [] });
    expect(app.active()).toBeNull();
    expect(app.state.model.getState().failure?.error.kind).toBe('network');
    expect(app.notice.getState().message).toBeNull();
  });

  it('a hub that cannot be reached: the bundled model, served by the app, without a click', async () => {
    const app = await start('model=offline/model', { online: true, cached: [] });
    expect(app.active()?.source).toEqual(bundled);
    expect(app.state.model.getState().failure).toBeNull();
    expect(app.notice.getState().message).toBe('offline/model could not be downloaded (no connection to huggingface.co): using the bundled demo model (coloured shapes) instead.');
    expect(readRemembered(app.storage)).toEqual([]);
  });

  it('the notice goes once the person loads a model, and that model is remembered', async () => {
    const app = await start('model=offline/model', { online: true, cached: [] });
    await app.state.model.getState().load({ source: hub('Xenova/clip-vit-base-patch32') });
    await settle();
    expect(app.notice.getState().message).toBeNull();
    expect(readRemembered(app.storage).map((m) => m.source.id)).toEqual(['Xenova/clip-vit-base-patch32']);
  });

  it('other failures (a missing model) are shown as they are', async () => {
    const app = await start('model=no-such/model', { online: true, cached: [cachedModel(BUNDLED_MODEL_ID)] });
    expect(app.active()).toBeNull();
    expect(app.state.model.getState().failure?.error.kind).toBe('http');
    expect(app.notice.getState().message).toBeNull();
  });
});

describe('fallbackFor', () => {
  const wanted: LoadRequest = { source: hub('w'), backend: 'wasm', precision: 'fp32', threads: 1 };
  const deps = { remembered: () => [], catalogSource: (id: string) => (id === 'cat' ? hub('cat') : null), bundledSource: () => bundled };

  it('prefers a remembered cached model, then a cached catalog model, then the bundled one', () => {
    const remembered = [{ source: hub('r'), backend: 'webgpu' as const, precision: 'fp16' as const }];
    expect(fallbackFor(wanted, new Set(['r', 'cat']), { ...deps, remembered: () => remembered }, true)).toEqual({ source: hub('r'), backend: 'webgpu', precision: 'fp16', threads: 1 });
    expect(fallbackFor(wanted, new Set(['unknown', 'cat']), deps, true)).toEqual({ source: hub('cat'), backend: 'wasm', precision: 'auto', threads: 1 });
    expect(fallbackFor(wanted, new Set([BUNDLED_MODEL_ID]), deps, false)?.source).toEqual(bundled);
    expect(fallbackFor(wanted, new Set(), deps, true)?.source).toEqual(bundled);
    expect(fallbackFor(wanted, new Set(['w']), deps, false)).toBeNull();
    expect(fallbackFor({ ...wanted, source: bundled }, new Set(), deps, true)).toBeNull();
  });

  it('counts a cached model only when every file it needs is there', () => {
    const partial = cachedModel('half', ['config.json', 'tokenizer.json', 'onnx/vision_model_quantized.onnx']);
    expect([...completeModelIds([cachedModel('whole'), partial])]).toEqual(['whole']);
  });
});
