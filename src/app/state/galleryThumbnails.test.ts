/** Cards get a thumbnail made for them (not the file itself), when it is ready. */
import { describe, expect, it } from 'vitest';
import { FAKE_MODELS, settle } from '../testing/appHarness';
import { FakeClipClient } from '../testing/fakeClipClient';
import { createGalleryStore } from './galleryStore';

function setup() {
  const made: Blob[] = [];
  const revoked: string[] = [];
  let release: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (release = resolve));
  const store = createGalleryStore({
    client: new FakeClipClient(FAKE_MODELS),
    currentGeneration: () => null,
    createObjectUrl: () => 'blob:full-size',
    revokeObjectUrl: (url) => revoked.push(url),
    makeThumbnail: async (file) => {
      made.push(file);
      await ready;
      return `blob:thumb-${made.length}`;
    },
  });
  return { store, made, revoked, release };
}

const photo = (name: string) => new File([new Uint8Array(10)], name, { type: 'image/jpeg' });

describe('gallery thumbnails', () => {
  it('shows the thumbnail once it is made, never the full-size file', async () => {
    const { store, made, release } = setup();
    void store.getState().addFiles([photo('a.jpg'), new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    expect(store.getState().items.map((i) => i.url)).toEqual([null, null]);
    release();
    await settle();
    expect(made).toHaveLength(1); // only for the image
    expect(store.getState().items.find((i) => i.name === 'a.jpg')?.url).toBe('blob:thumb-1');
  });

  it('drops a thumbnail that arrives after its image was removed', async () => {
    const { store, revoked, release } = setup();
    void store.getState().addFiles([photo('b.jpg')]);
    store.getState().remove(store.getState().items[0]!.id);
    release();
    await settle();
    expect(revoked).toEqual(['blob:thumb-1']);
    expect(store.getState().items).toEqual([]);
  });
});
