import { describe, expect, it } from 'vitest';
import type { GalleryItem } from '../state/galleryStore';
import { encodedImages } from './images';

function item(id: number, status: GalleryItem['status'], length?: number): GalleryItem {
  return { id, name: `${id}.png`, url: `blob:${id}`, status, embedding: length === undefined ? undefined : new Float32Array(length), file: new Blob() };
}

describe('encodedImages', () => {
  const items = [item(1, 'done', 4), item(2, 'pending'), item(3, 'error'), item(4, 'done', 8), item(5, 'done', 4), item(6, 'pending', 4)];

  it('keeps the done images with an embedding, in gallery order', () => {
    expect(encodedImages(items).map((i) => i.id)).toEqual([1, 4, 5]);
    expect(encodedImages(items)[0]).toEqual({ id: 1, name: '1.png', url: 'blob:1', embedding: items[0].embedding });
  });

  it('keeps only embeddings of the given length', () => {
    expect(encodedImages(items, 4).map((i) => i.id)).toEqual([1, 5]);
    expect(encodedImages(items, 8).map((i) => i.id)).toEqual([4]);
    expect(encodedImages([], 4)).toEqual([]);
  });
});
