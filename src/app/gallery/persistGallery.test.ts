import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { createAppState, type AppState } from '../state/appState';
import { startAppState } from '../state/coordinator';
import { readAppParams } from '../state/urlParams';
import { FAKE_MODELS, settle } from '../testing/appHarness';
import { FakeClipClient } from '../testing/fakeClipClient';
import { GALLERY_DB, openGalleryStorage, type GalleryStorage, type StoredImage } from './galleryStorage';
import { createGalleryKeeping, keepGallery } from './persistGallery';

function file(name: string, bytes: number[], type = 'image/png'): File {
  return new File([new Uint8Array(bytes)], name, { type, lastModified: 1_700_000_000_000 });
}

/** One visit: a fresh app (as after a reload) keeping its gallery in this browser's storage. */
async function visit(storage: GalleryStorage | null = null) {
  const client = new FakeClipClient(FAKE_MODELS);
  const state: AppState = createAppState({ client, params: readAppParams(new URLSearchParams('model=clip-shapes-tiny'), 'http://app.test/models', 2), createObjectUrl: () => 'blob:x', revokeObjectUrl: () => undefined });
  startAppState(state);
  const keeping = createGalleryKeeping();
  const store = storage ?? (await openGalleryStorage());
  const stop = await keepGallery(state.gallery, store, keeping);
  await settle();
  const items = () => state.gallery.getState().items;
  return { state, keeping, stop, items, gallery: state.gallery.getState, storage: store };
}

/** Lets the storage steps (IndexedDB in fake-indexeddb) finish. */
async function flush() {
  for (let i = 0; i < 4; i++) {
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

afterEach(async () => {
  await deleteDB(GALLERY_DB);
});

describe('the gallery kept in this browser', () => {
  it('comes back after a reload, in order, with its bytes, labels, domain and caption, and is embedded again', async () => {
    const first = await visit();
    expect(first.keeping.getState().status).toBe('on');
    await first.gallery().addImages([
      { file: file('cat.png', [1, 2, 3]), origin: 'file', truth: { label: 'cat', from: 'folder' }, domain: 'photo' },
      { file: file('drawn.png', [4, 5]), origin: 'drawing', caption: 'a red circle' },
    ]);
    await first.gallery().addFiles([file('later.png', [6])], 'paste');
    const cat = first.items().find((i) => i.name === 'cat.png')!;
    first.gallery().setTruth(cat.id, 'tabby cat');
    await flush();
    first.stop();

    const second = await visit();
    await flush();
    expect(second.keeping.getState()).toEqual({ status: 'on', restored: 3 });
    const items = second.items();
    expect(items.map((i) => i.name)).toEqual(['later.png', 'drawn.png', 'cat.png']); // newest first, as before
    expect(items.map((i) => i.status)).toEqual(['done', 'done', 'done']);
    expect(items.map((i) => i.origin)).toEqual(['paste', 'drawing', 'file']);
    expect(items[2]).toMatchObject({ truth: { label: 'tabby cat', from: 'hand' }, domain: 'photo', caption: null });
    expect(items[1]).toMatchObject({ truth: null, caption: 'a red circle' });
    expect([...new Uint8Array(await items[2]!.file.arrayBuffer())]).toEqual([1, 2, 3]);
    expect(items[2]!.file.type).toBe('image/png');

    // Restored images are not written a second time.
    await flush();
    expect((await second.storage!.all()).length).toBe(3);
  });

  it('stores the file as a Blob (the page never reads it), and bytes where IndexedDB refuses Blobs', async () => {
    const first = await visit();
    await first.gallery().addFiles([file('blob.png', [1, 2])]);
    await flush();
    const [stored] = await first.storage!.all();
    expect(stored?.image.bytes).toBeInstanceOf(Blob);
    first.stop();

    // An IndexedDB that cannot clone Blobs (older Safari, some private windows), on a real store.
    const real = (await openGalleryStorage())!;
    const refusing: GalleryStorage = {
      all: () => real.all(),
      add: (image) => (image.bytes instanceof Blob ? Promise.reject(new DOMException('Blobs are not supported', 'DataCloneError')) : real.add(image)),
      update: (key, info) => real.update(key, info),
      remove: (key) => real.remove(key),
      clear: () => real.clear(),
    };
    const second = await visit(refusing);
    await flush();
    await second.gallery().addFiles([file('bytes.png', [3, 4, 5]), file('more.png', [6])]);
    await flush();
    expect(second.keeping.getState().status).toBe('on');
    const all = await real.all();
    expect(all.map((k) => k.image.name)).toEqual(['blob.png', 'bytes.png', 'more.png']);
    expect(all[1]?.image.bytes).toBeInstanceOf(ArrayBuffer);
    second.stop();

    const third = await visit();
    await flush();
    expect(third.items().map((i) => i.name)).toEqual(['more.png', 'bytes.png', 'blob.png']);
    expect([...new Uint8Array(await third.items()[1]!.file.arrayBuffer())]).toEqual([3, 4, 5]);
    expect([...new Uint8Array(await third.items()[2]!.file.arrayBuffer())]).toEqual([1, 2]);
  });

  it('forgets removed images, and Clear empties it', async () => {
    const first = await visit();
    await first.gallery().addFiles([file('a.png', [1]), file('b.png', [2]), file('c.png', [3])]);
    await flush();
    first.gallery().remove(first.items().find((i) => i.name === 'b.png')!.id);
    await flush();
    expect((await first.storage!.all()).map((k) => k.image.name)).toEqual(['a.png', 'c.png']);

    const second = await visit();
    await flush();
    expect(second.items().map((i) => i.name)).toEqual(['c.png', 'a.png']);
    second.gallery().remove(second.items().find((i) => i.name === 'a.png')!.id); // a restored one
    await flush();
    expect((await second.storage!.all()).map((k) => k.image.name)).toEqual(['c.png']);
    second.gallery().clear();
    await second.gallery().addFiles([file('after-clear.png', [9])]);
    await flush();
    expect((await second.storage!.all()).map((k) => k.image.name)).toEqual(['after-clear.png']);
  });

  it('does not keep files that are not usable images', async () => {
    const app = await visit();
    await app.gallery().addFiles([file('notes.txt', [1], 'text/plain'), file('ok.png', [2])]);
    await flush();
    expect(app.items().find((i) => i.name === 'notes.txt')?.error?.kind).toBe('not-image');
    expect((await app.storage!.all()).map((k) => k.image.name)).toEqual(['ok.png']);
  });

  it('an image removed before it was written is not written', async () => {
    const app = await visit();
    const adding = app.gallery().addFiles([file('quick.png', [1])]);
    app.gallery().remove(app.items()[0]!.id);
    await adding;
    await flush();
    expect(await app.storage!.all()).toEqual([]);
  });

  it('says when the browser keeps nothing, and the gallery still works', async () => {
    vi.stubGlobal('indexedDB', undefined);
    try {
      expect(await openGalleryStorage()).toBeNull();
      const app = await visit(null);
      expect(app.keeping.getState().status).toBe('unavailable');
      await app.gallery().addFiles([file('a.png', [1])]);
      expect(app.items()[0]?.status).toBe('done');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says when the storage is full, and keeps working', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const images: StoredImage[] = [];
    const full: GalleryStorage = {
      all: () => Promise.resolve([]),
      add: (image) => (images.length >= 1 ? Promise.reject(quota) : Promise.resolve(images.push(image))),
      update: () => Promise.resolve(),
      remove: () => Promise.resolve(),
      clear: () => Promise.resolve(void images.splice(0)),
    };
    const app = await visit(full);
    await app.gallery().addFiles([file('a.png', [1]), file('b.png', [2])]);
    await flush();
    expect(app.keeping.getState().status).toBe('full');
    expect(app.items().map((i) => i.status)).toEqual(['done', 'done']);
    app.gallery().clear();
    await flush();
    expect(app.keeping.getState().status).toBe('on');
  });
});
