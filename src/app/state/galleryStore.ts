/**
 * The images the user added, with their embeddings (stamped with the model generation that made
 * them) or the typed reason they could not be used. The store encodes what it is told to; the
 * coordinator re-embeds images whose embedding is older than the model in use.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ClipError, type ClipErrorData, type ClipErrorKind } from '../../../workers/errors';
import type { ClipClient } from '../worker/clipClient';

/** Where an image came from. */
export type ImageOrigin = 'file' | 'paste' | 'camera' | 'drawing' | 'generated';

/**
 * A true label given explicitly: by the folder the image was in, by hand on its card, or when it
 * was captured or drawn "as" a label. (A label named by the file name is not stored: it depends on
 * the labels of the moment; see `src/app/gallery/truth.ts`.)
 */
export interface ExplicitTruth {
  label: string;
  from: 'folder' | 'hand' | 'capture' | 'drawing' | 'generator';
}

/** An image to add, with what is known about it. */
export interface NewImage {
  file: File;
  origin?: ImageOrigin;
  truth?: ExplicitTruth | null;
  /** The kind of picture (`photo`, `sketch`...), for the distribution-shift lab. */
  domain?: string | null;
  /** A caption for the contrastive view. */
  caption?: string | null;
}

export interface GalleryItem {
  id: number;
  name: string;
  origin: ImageOrigin;
  truth: ExplicitTruth | null;
  domain: string | null;
  caption: string | null;
  /** Object URL for the thumbnail (only for files that look like images). */
  url: string | null;
  status: 'pending' | 'done' | 'error';
  embedding?: Float32Array;
  /** The model generation of `embedding`, or of the attempt that failed. */
  generation?: number;
  width?: number;
  height?: number;
  error?: ClipErrorData;
  file: Blob;
}

export interface GalleryState {
  items: GalleryItem[];
  /** Plain files (a picker, a paste): no label, domain or caption. */
  addFiles: (files: File[], origin?: ImageOrigin) => Promise<void>;
  addImages: (images: NewImage[]) => Promise<void>;
  /** Set or clear the true label by hand. */
  setTruth: (id: number, label: string | null) => void;
  setDomain: (id: number, domain: string | null) => void;
  setCaption: (id: number, caption: string | null) => void;
  remove: (id: number) => void;
  clear: () => void;
  /** Encode these items again (after a model change); items already being encoded are skipped. */
  embed: (ids: readonly number[]) => Promise<void>;
}

/** Failures that are the file's own: trying again with another model would fail the same way. */
const INPUT_ERRORS: ReadonlySet<ClipErrorKind> = new Set(['not-image', 'decode', 'limit']);

export function isInputError(item: GalleryItem): boolean {
  return item.status === 'error' && item.error !== undefined && INPUT_ERRORS.has(item.error.kind);
}

export interface GalleryStoreDeps {
  client: ClipClient;
  /** The generation of the model in use (null before the first load): a failed attempt is stamped with it. */
  currentGeneration: () => number | null;
  createObjectUrl?: (blob: Blob) => string;
  revokeObjectUrl?: (url: string) => void;
  /**
   * A downscaled thumbnail's object URL (src/app/gallery/thumbnail.ts), set on the item when it
   * is ready. Without it, the file itself is shown (`createObjectUrl`).
   */
  makeThumbnail?: (file: Blob) => Promise<string | null>;
}

export function createGalleryStore({
  client,
  currentGeneration,
  createObjectUrl = (blob) => URL.createObjectURL(blob),
  revokeObjectUrl = (url) => URL.revokeObjectURL(url),
  makeThumbnail,
}: GalleryStoreDeps): StoreApi<GalleryState> {
  let nextId = 1;
  /** Encodes in flight; Clear stops them. */
  const inFlight = new Set<AbortController>();

  return createStore<GalleryState>((set, get) => {
    function update(id: number, changes: Partial<Pick<GalleryItem, 'truth' | 'domain' | 'caption'>>): void {
      set((state) => ({ items: state.items.map((item) => (item.id === id ? { ...item, ...changes } : item)) }));
    }

    /** Sets the item's thumbnail when it is ready; an item removed meanwhile gets none. */
    async function addThumbnail(id: number, file: Blob): Promise<void> {
      const url = await makeThumbnail?.(file).catch(() => null);
      if (!url) return;
      if (!get().items.some((item) => item.id === id)) {
        revokeObjectUrl(url);
        return;
      }
      set((state) => ({ items: state.items.map((item) => (item.id === id ? { ...item, url } : item)) }));
    }

    async function encode(targets: GalleryItem[]): Promise<void> {
      if (targets.length === 0) return;
      const ids = new Set(targets.map((t) => t.id));
      set((state) => ({ items: state.items.map((item) => (ids.has(item.id) ? { ...item, status: 'pending', error: undefined } : item)) }));
      const controller = new AbortController();
      inFlight.add(controller);
      let update: (item: GalleryItem) => GalleryItem;
      try {
        const { generation, results } = await client.encodeImages(targets.map((t) => ({ name: t.name, blob: t.file })), { signal: controller.signal });
        const byId = new Map(targets.map((t, i) => [t.id, results[i]]));
        update = (item) => {
          const result = byId.get(item.id);
          if (!result) return item;
          return result.ok
            ? { ...item, status: 'done', embedding: result.embedding, generation, width: result.width, height: result.height, error: undefined }
            : { ...item, status: 'error', error: result.error, generation, embedding: undefined };
        };
      } catch (error) {
        const data = ClipError.from(error).toData();
        // Stamped with the model in use, so it is tried again with the next model, not in a loop.
        const attempted = currentGeneration() ?? undefined;
        update = (item) => (ids.has(item.id) ? { ...item, status: 'error', error: data, embedding: undefined, generation: attempted } : item);
      } finally {
        inFlight.delete(controller);
      }
      if (controller.signal.aborted) return; // cleared meanwhile
      // Removed items are simply not there any more.
      set((state) => ({ items: state.items.map(update) }));
    }

    return {
      items: [],
      addFiles(files, origin = 'file') {
        return get().addImages(files.map((file) => ({ file, origin })));
      },
      async addImages(images) {
        const added: GalleryItem[] = images.map(({ file, origin = 'file', truth = null, domain = null, caption = null }) => ({
          id: nextId++,
          name: file.name || 'pasted image',
          origin,
          truth,
          domain,
          caption,
          url: !makeThumbnail && (file.type.startsWith('image/') || !file.type) ? createObjectUrl(file) : null,
          status: 'pending',
          file,
        }));
        // Newest first, as a person scanning results expects.
        set((state) => ({ items: [...[...added].reverse(), ...state.items] }));
        if (makeThumbnail) for (const item of added) if (item.file.type.startsWith('image/') || !item.file.type) void addThumbnail(item.id, item.file);
        await encode(added);
      },
      setTruth(id, label) {
        update(id, { truth: label === null ? null : { label, from: 'hand' } });
      },
      setDomain(id, domain) {
        update(id, { domain: domain?.trim() || null });
      },
      setCaption(id, caption) {
        update(id, { caption: caption?.trim() || null });
      },
      remove(id) {
        const item = get().items.find((i) => i.id === id);
        if (item?.url) revokeObjectUrl(item.url);
        set((state) => ({ items: state.items.filter((i) => i.id !== id) }));
      },
      clear() {
        for (const controller of inFlight) controller.abort();
        inFlight.clear();
        for (const item of get().items) if (item.url) revokeObjectUrl(item.url);
        set({ items: [] });
      },
      async embed(ids) {
        const wanted = new Set(ids);
        await encode(get().items.filter((item) => wanted.has(item.id) && item.status !== 'pending'));
      },
    };
  });
}
