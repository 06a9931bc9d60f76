import { describe, expect, it } from 'vitest';
import type { GalleryItem } from '../state/galleryStore';
import { batchKey, buildBatch, captionFromFileName } from './batch';

function item(id: number, name: string, changes: Partial<GalleryItem> = {}): GalleryItem {
  return {
    id,
    name,
    origin: 'file',
    truth: null,
    domain: null,
    caption: null,
    url: `blob:${id}`,
    status: 'done',
    embedding: new Float32Array([1, 0]),
    generation: 2,
    file: new Blob(),
    ...changes,
  };
}

describe('captionFromFileName', () => {
  it('takes the words of the name, without extension and numbering', () => {
    expect(captionFromFileName('red-circle.png')).toBe('red circle');
    expect(captionFromFileName('A_dog_on_the_beach (2).jpg')).toBe('a dog on the beach');
    expect(captionFromFileName('0001.png')).toBe('0001');
  });
});

describe('buildBatch', () => {
  it('pairs the images of the model in use with their captions, in the order they were added', () => {
    // The gallery lists the newest first.
    const items = [
      item(4, 'broken.png', { status: 'error', embedding: undefined }),
      item(3, 'old-model.png', { generation: 1 }),
      item(2, 'blue-square.png', { caption: '  a blue square on white  ' }),
      item(1, 'red-circle.png'),
    ];
    const batch = buildBatch(items, 2);
    expect(batch.available).toBe(2);
    expect(batch.pairs.map((p) => [p.name, p.caption, p.captionFrom])).toEqual([
      ['red-circle.png', 'red circle', 'file name'],
      ['blue-square.png', 'a blue square on white', 'caption'],
    ]);
    expect(batchKey(batch.pairs)).toBe('1,2');
  });

  it('is empty before a model is loaded, and holds at most `max` pairs', () => {
    const items = [item(3, 'c.png'), item(2, 'b.png'), item(1, 'a.png')];
    expect(buildBatch(items, null).pairs).toEqual([]);
    const batch = buildBatch(items, 2, 2);
    expect(batch.pairs.map((p) => p.name)).toEqual(['a.png', 'b.png']);
    expect(batch.available).toBe(3);
  });

  it('falls back to the file name when the caption is blank', () => {
    expect(buildBatch([item(1, 'cat.jpg', { caption: '   ' })], 2).pairs[0]).toMatchObject({ caption: 'cat', captionFrom: 'file name' });
  });
});
