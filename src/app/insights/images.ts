/** The gallery images the insights can use: encoded, with an embedding of the expected length. */
import type { GalleryItem } from '../state/galleryStore';

export interface EncodedImage {
  id: number;
  name: string;
  url: string | null;
  embedding: Float32Array;
}

/**
 * The gallery's done images, in gallery order. With `dim`, only embeddings of that length (right
 * after a model change the gallery briefly holds embeddings of the previous model).
 */
export function encodedImages(items: readonly GalleryItem[], dim?: number): EncodedImage[] {
  const out: EncodedImage[] = [];
  for (const item of items) {
    if (item.status !== 'done' || !item.embedding) continue;
    if (dim !== undefined && item.embedding.length !== dim) continue;
    out.push({ id: item.id, name: item.name, url: item.url, embedding: item.embedding });
  }
  return out;
}
