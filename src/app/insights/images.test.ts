import { describe, expect, it } from 'vitest';
import type { GalleryItem } from '../state/galleryStore';
import { encodedImages } from './images';

function item(id: number, status: GalleryItem['status'], generation?: number): GalleryItem {
  return { id, name: `${id}.png`, origin: 'file', truth: null, domain: null, caption: null, url: `blob:${id}`, status, embedding: generation === undefined ? undefined : new Float32Array(4), generation, file: new Blob() };
}

describe('encodedImages', () => {
  const items = [item(1, 'done', 1), item(2, 'pending'), item(3, 'error'), item(4, 'done', 2), item(5, 'done', 1), item(6, 'pending', 1)];

  it('keeps the done images with an embedding, in gallery order', () => {
    expect(encodedImages(items).map((i) => i.id)).toEqual([1, 4, 5]);
    expect(encodedImages(items)[0]).toEqual({ id: 1, name: '1.png', url: 'blob:1', embedding: items[0]!.embedding });
  });

  it('keeps only embeddings of the given model generation', () => {
    expect(encodedImages(items, 1).map((i) => i.id)).toEqual([1, 5]);
    expect(encodedImages(items, 2).map((i) => i.id)).toEqual([4]);
    expect(encodedImages(items, null)).toEqual([]);
    expect(encodedImages([], 1)).toEqual([]);
  });
});
