/**
 * Keeps the gallery in step with its storage in this browser (galleryStorage.ts): images the
 * user adds are written, edits to their label, domain or caption are written, removed images and
 * Clear are deleted; at start, the kept images come back (and the coordinator embeds them with the
 * model in use). Images that turn out not to be usable (not an image, corrupt, too large) are not
 * kept: their card explains it for this visit only.
 *
 * Storage work runs one step at a time, in the order of the changes, so a removal always finds
 * the key its image was written under.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isInputError, type GalleryItem, type GalleryState, type NewImage } from '../state/galleryStore';
import { isQuotaError, type GalleryStorage, type StoredImage } from './galleryStorage';

export type GalleryKeeping =
  /** Not known yet (storage opening, or images coming back). */
  | 'starting'
  /** Images are kept in this browser. */
  | 'on'
  /** This browser keeps nothing: images are gone after a reload. */
  | 'unavailable'
  /** The storage quota is reached: images added from now on are not kept. */
  | 'full'
  /** A write failed otherwise. */
  | 'failed';

export interface GalleryKeepingState {
  status: GalleryKeeping;
  /** How many images came back at start. */
  restored: number;
}

export function createGalleryKeeping(): StoreApi<GalleryKeepingState> {
  return createStore<GalleryKeepingState>(() => ({ status: 'starting', restored: 0 }));
}

function infoOf(item: GalleryItem) {
  return { truth: item.truth, domain: item.domain, caption: item.caption };
}

/** What is kept of an item: its file as a Blob, or (where Blobs are refused) read into bytes. */
async function toStored(item: GalleryItem, asBuffer: boolean): Promise<StoredImage> {
  const file = item.file;
  return {
    name: item.name,
    type: file.type,
    lastModified: file instanceof File ? file.lastModified : Date.now(),
    bytes: asBuffer ? await file.arrayBuffer() : file,
    ...infoOf(item),
    origin: item.origin,
  };
}

/**
 * Starts keeping `gallery` in `storage` (null: this browser keeps nothing) and brings back what was
 * kept. Resolves once the kept images are back in the gallery; returns the function that stops.
 */
export async function keepGallery(gallery: StoreApi<GalleryState>, storage: GalleryStorage | null, keeping: StoreApi<GalleryKeepingState>): Promise<() => void> {
  if (storage === null) {
    keeping.setState({ status: 'unavailable' });
    return () => undefined;
  }
  const keyById = new Map<number, number>();
  /** Set once this browser's IndexedDB has refused a Blob: from then on bytes are stored. */
  let blobsRefused = false;
  const add = async (item: GalleryItem): Promise<number | null> => {
    const image = await toStored(item, blobsRefused);
    if (!gallery.getState().items.some((i) => i.id === item.id)) return null; // removed meanwhile
    try {
      return await storage.add(image);
    } catch (error) {
      if (blobsRefused || isQuotaError(error)) throw error;
      blobsRefused = true;
      return storage.add(await toStored(item, true));
    }
  };
  /** Files being brought back, with the key they are kept under (they need no new write). */
  const restoring = new Map<Blob, number>();
  let queue: Promise<unknown> = Promise.resolve();
  const run = (step: () => Promise<unknown>) => {
    queue = queue.then(step).catch((error: unknown) => {
      if (keeping.getState().status !== 'full') keeping.setState({ status: isQuotaError(error) ? 'full' : 'failed' });
    });
  };

  const forget = (id: number) => {
    run(async () => {
      const key = keyById.get(id);
      keyById.delete(id);
      if (key !== undefined) await storage.remove(key);
    });
  };

  const onItems = (now: readonly GalleryItem[], before: readonly GalleryItem[]) => {
    if (now.length === 0 && before.length > 0) {
      // Clear: one step for all, whatever is still on its way.
      run(async () => {
        keyById.clear();
        await storage.clear();
        // Room again for new images (a full quota was most likely this gallery's own images).
        if (keeping.getState().status !== 'unavailable') keeping.setState({ status: 'on' });
      });
      return;
    }
    const previous = new Map(before.map((item) => [item.id, item]));
    // The gallery lists the newest first; storage keeps them oldest first (in key order).
    for (const item of [...now].reverse()) {
      const old = previous.get(item.id);
      previous.delete(item.id);
      if (!old) {
        const kept = restoring.get(item.file);
        if (kept !== undefined) {
          keyById.set(item.id, kept);
          restoring.delete(item.file);
        } else if (!isInputError(item)) {
          run(async () => {
            const key = await add(item);
            if (key !== null) keyById.set(item.id, key);
          });
        }
        continue;
      }
      if (isInputError(item) && !isInputError(old)) forget(item.id);
      else if (old.truth !== item.truth || old.domain !== item.domain || old.caption !== item.caption) {
        run(async () => {
          const key = keyById.get(item.id);
          if (key !== undefined) await storage.update(key, infoOf(item));
        });
      }
    }
    for (const id of previous.keys()) forget(id); // removed
  };
  const unsubscribe = gallery.subscribe((state, before) => {
    if (state.items !== before.items) onItems(state.items, before.items);
  });

  let kept: { key: number; image: StoredImage }[] = [];
  try {
    kept = await storage.all();
  } catch {
    keeping.setState({ status: 'failed' });
  }
  if (kept.length > 0) {
    const images: NewImage[] = kept.map(({ key, image }) => {
      const file = new File([image.bytes], image.name, { type: image.type, lastModified: image.lastModified });
      restoring.set(file, key);
      return { file, origin: image.origin, truth: image.truth, domain: image.domain, caption: image.caption };
    });
    void gallery.getState().addImages(images);
    restoring.clear(); // addImages took them in at once; anything left was not added
  }
  if (keeping.getState().status === 'starting') keeping.setState({ status: 'on', restored: kept.length });
  return unsubscribe;
}
