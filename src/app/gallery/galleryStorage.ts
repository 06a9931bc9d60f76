/**
 * The gallery's images kept in this browser only (IndexedDB), so a reload or a closed tab loses
 * nothing: each image's original bytes with what is known about it. Embeddings are not kept: they
 * belong to a model, and the coordinator makes them again for the model in use.
 *
 * Bytes are stored as the Blob itself: the browser copies a picked file into its storage without
 * the page reading it, and gives back a Blob that is read only when used (as ArrayBuffers, a start
 * with 100 kept photos of 12 MP brought all 460 MB into the page at once). Where
 * IndexedDB refuses Blobs (older Safari, some private modes) they are stored as an ArrayBuffer
 * instead (persistGallery.ts); a File is rebuilt from either on the way back.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ExplicitTruth, ImageOrigin } from '../state/galleryStore';

export const GALLERY_DB = 'clip-gallery';
const STORE = 'images';

export interface StoredImage {
  name: string;
  type: string;
  lastModified: number;
  bytes: Blob | ArrayBuffer;
  origin: ImageOrigin;
  truth: ExplicitTruth | null;
  domain: string | null;
  caption: string | null;
}

export type StoredImageInfo = Pick<StoredImage, 'truth' | 'domain' | 'caption'>;

interface GallerySchema extends DBSchema {
  images: { key: number; value: StoredImage };
}

export interface GalleryStorage {
  /** Every kept image, oldest first, with its key. */
  all(): Promise<{ key: number; image: StoredImage }[]>;
  add(image: StoredImage): Promise<number>;
  update(key: number, info: StoredImageInfo): Promise<void>;
  remove(key: number): Promise<void>;
  clear(): Promise<void>;
}

class IdbGalleryStorage implements GalleryStorage {
  constructor(private readonly db: IDBPDatabase<GallerySchema>) {}

  async all(): Promise<{ key: number; image: StoredImage }[]> {
    const tx = this.db.transaction(STORE, 'readonly');
    const [keys, images] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return images.map((image, i) => ({ key: keys[i] ?? -1, image }));
  }

  add(image: StoredImage): Promise<number> {
    return this.db.add(STORE, image);
  }

  async update(key: number, info: StoredImageInfo): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const image = await tx.store.get(key);
    if (image) await tx.store.put({ ...image, ...info }, key);
    await tx.done;
  }

  remove(key: number): Promise<void> {
    return this.db.delete(STORE, key);
  }

  clear(): Promise<void> {
    return this.db.clear(STORE);
  }
}

/** The gallery's storage, or null where this browser keeps nothing (no IndexedDB, or it refuses). */
export async function openGalleryStorage(): Promise<GalleryStorage | null> {
  if (typeof indexedDB === 'undefined') return null;
  try {
    const db = await openDB<GallerySchema>(GALLERY_DB, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { autoIncrement: true });
      },
      blocked() {
        // Another tab holds an older version open: it will close it when told (see `blocking`).
      },
      blocking() {
        db.close();
      },
    });
    return new IdbGalleryStorage(db);
  } catch {
    return null; // e.g. Firefox's private windows in older versions, or storage disabled for the site
  }
}

/** Whether a failed write was the browser's storage quota. */
export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED');
}
