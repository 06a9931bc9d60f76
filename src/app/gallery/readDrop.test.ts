/**
 * Reading a dropped folder: the File and Directory Entries API is a browser boundary, stood in for
 * here by entries with the same shape (readEntries answering in batches, then an empty one).
 */
import { describe, expect, it } from 'vitest';
import { describeIngest } from './ingestNotice';
import { ingest } from './ingest';
import { readDroppedEntries } from './readDrop';

type Tree = { [name: string]: Tree | string };

function entry(name: string, node: Tree | string): FileSystemEntry {
  if (typeof node === 'string') {
    const file = new File([node], name, { type: name.endsWith('.png') ? 'image/png' : name.endsWith('.txt') ? 'text/plain' : '' });
    return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(file) } as unknown as FileSystemEntry;
  }
  const children = Object.entries(node).map(([n, child]) => entry(n, child));
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let offset = 0;
      // Batches of two, as Chromium answers in batches (of 100) until an empty one.
      return { readEntries: (ok: (batch: FileSystemEntry[]) => void) => ok(children.slice(offset, (offset += 2))) };
    },
  } as unknown as FileSystemEntry;
}

describe('a dropped folder', () => {
  it('is read recursively, every batch, in name order, with each file’s folders; system files skipped', async () => {
    const root = entry('shapes', {
      sketch: { 'red circle': { '10.png': 'a', '2.png': 'b', '.DS_Store': 'x' }, 'blue square': { '1.png': 'c' } },
      photo: { 'red circle': { '1.png': 'd', '1.txt': 'a red disc' }, 'blue square': { '1.png': 'e', '2.png': 'f', '3.png': 'g' } },
    });
    const loose = new File(['h'], 'loose.png', { type: 'image/png' });
    const files = await readDroppedEntries([root, loose]);
    expect(files.map((f) => [...f.folders, f.file.name].join('/'))).toEqual([
      'shapes/photo/blue square/1.png',
      'shapes/photo/blue square/2.png',
      'shapes/photo/blue square/3.png',
      'shapes/photo/red circle/1.png',
      'shapes/photo/red circle/1.txt',
      'shapes/sketch/blue square/1.png',
      'shapes/sketch/red circle/2.png',
      'shapes/sketch/red circle/10.png',
      'loose.png',
    ]);
    const { files: images, captions } = await ingest(files);
    expect(captions).toBe(1);
    expect(images[3]!.meta).toEqual({ folderLabel: 'red circle', domain: 'photo', caption: 'a red disc' });
    expect(describeIngest(images, captions)).toBe('8 files from folders: 2 classes (blue square, red circle), 2 domains (photo, sketch), 1 caption.');
  });

  it('the notice counts files that are not images, and says nothing for loose photos', () => {
    const png = (name: string) => new File(['x'], name, { type: 'image/png' });
    const meta = (folderLabel: string | null) => ({ folderLabel, domain: null });
    expect(describeIngest([{ file: png('a.png'), meta: meta('cat') }, { file: new File(['x'], 'notes.md', { type: 'text/markdown' }), meta: meta('cat') }], 0)).toBe(
      '2 files from folders: 1 class (cat). 1 is not an image: its card says why.',
    );
    expect(describeIngest([{ file: png('a.png'), meta: meta(null) }], 0)).toBeNull();
  });
});
