/** The gallery images the insights can use: encoded by the model in use. */
import type { GalleryItem } from '../state/galleryStore';

export interface EncodedImage {
  id: number;
  name: string;
  url: string | null;
  embedding: Float32Array;
}

/**
 * The gallery's done images, in gallery order, whose embedding the model of `generation` made
 * (right after a model change the gallery briefly holds embeddings of the previous model, which
 * must not be compared with the new model's). Without `generation`, every done image.
 */
export function encodedImages(items: readonly GalleryItem[], generation?: number | null): EncodedImage[] {
  const out: EncodedImage[] = [];
  for (const item of items) {
    if (item.status !== 'done' || !item.embedding) continue;
    if (generation !== undefined && item.generation !== generation) continue;
    out.push({ id: item.id, name: item.name, url: item.url, embedding: item.embedding });
  }
  return out;
}
