/** The images the user added, with their embeddings or the reason they could not be used. */
import { create } from 'zustand';
import { clipWorker } from '../worker/clipWorker';

export interface GalleryItem {
  id: number;
  name: string;
  /** Object URL for the thumbnail (only for files that look like images). */
  url: string | null;
  status: 'pending' | 'done' | 'error';
  embedding?: Float32Array;
  width?: number;
  height?: number;
  error?: string;
  file: Blob;
}

interface GalleryState {
  items: GalleryItem[];
  addFiles(files: File[]): Promise<void>;
  remove(id: number): void;
  clear(): void;
  /** Re-embed every settled image (after a model change); pending ones already wait for the new model. */
  reencodeAll(): Promise<void>;
}

let nextId = 1;

export const useGalleryStore = create<GalleryState>((set, get) => {
  async function encode(targets: GalleryItem[]) {
    if (targets.length === 0) return;
    const ids = new Set(targets.map((t) => t.id));
    set((state) => ({ items: state.items.map((item) => (ids.has(item.id) ? { ...item, status: 'pending', error: undefined } : item)) }));
    let results;
    try {
      results = await clipWorker().encodeImages(targets.map((t) => ({ name: t.name, blob: t.file })));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results = targets.map(() => ({ ok: false as const, error: message }));
    }
    const byId = new Map(targets.map((t, i) => [t.id, results[i]]));
    set((state) => ({
      items: state.items.map((item) => {
        const result = byId.get(item.id);
        if (!result) return item;
        return result.ok
          ? { ...item, status: 'done', embedding: result.embedding, width: result.width, height: result.height, error: undefined }
          : { ...item, status: 'error', error: result.error, embedding: undefined };
      }),
    }));
  }

  return {
    items: [],
    async addFiles(files) {
      const added: GalleryItem[] = files.map((file) => ({
        id: nextId++,
        name: file.name || 'pasted image',
        url: file.type.startsWith('image/') || !file.type ? URL.createObjectURL(file) : null,
        status: 'pending',
        file,
      }));
      // Newest first, as a person scanning results expects.
      set((state) => ({ items: [...added.reverse(), ...state.items] }));
      await encode(added);
    },
    remove(id) {
      const item = get().items.find((i) => i.id === id);
      if (item?.url) URL.revokeObjectURL(item.url);
      set((state) => ({ items: state.items.filter((i) => i.id !== id) }));
    },
    clear() {
      for (const item of get().items) if (item.url) URL.revokeObjectURL(item.url);
      set({ items: [] });
    },
    async reencodeAll() {
      await encode(get().items.filter((item) => item.status !== 'pending'));
    },
  };
});
