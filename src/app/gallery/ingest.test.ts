import { describe, expect, it } from 'vitest';
import { ingest, labelFromFileName, labelFromName, nameKey } from './ingest';

const file = (name: string, text = 'x', type = name.endsWith('.txt') ? 'text/plain' : 'image/png') => new File([text], name, { type });

describe('names as labels', () => {
  it('normalise case, separators and spacing', () => {
    expect(labelFromName('Golden_Retriever')).toBe('golden retriever');
    expect(labelFromName('  red--circle ')).toBe('red circle');
  });

  it('drop the extension and trailing numbering of a file name', () => {
    expect(nameKey('golden retriever 3.jpg')).toBe('golden retriever');
    expect(nameKey('cat_01.png')).toBe('cat');
    expect(nameKey('Cat (2).JPEG')).toBe('cat');
    expect(nameKey('IMG_2041.jpg')).toBe('img');
    expect(nameKey('0001.png')).toBe('');
  });

  it('name a label only when exactly one label matches', () => {
    const labels = ['cat', 'dog', 'golden retriever', 'Red Circle'];
    expect(labelFromFileName('golden retriever 3.jpg', labels)).toBe('golden retriever');
    expect(labelFromFileName('cat_01.png', labels)).toBe('cat');
    expect(labelFromFileName('red-circle-7.png', labels)).toBe('Red Circle');
    expect(labelFromFileName('bird.png', labels)).toBeNull();
    expect(labelFromFileName('0001.png', labels)).toBeNull();
    expect(labelFromFileName('cat.png', ['cat', 'Cat'])).toBeNull(); // ambiguous
  });
});

describe('ingest', () => {
  it('takes the class from the folder and the domain from the folder above it', async () => {
    const { files } = await ingest([
      { file: file('1.png'), folders: ['sketch', 'dog'] },
      { file: file('2.jpg'), folders: ['photo', 'Golden_Retriever'] },
      { file: file('3.png'), folders: ['cat'] },
      { file: file('4.png'), folders: [] },
    ]);
    expect(files.map((f) => f.meta)).toEqual([
      { folderLabel: 'dog', domain: 'sketch', caption: null },
      { folderLabel: 'golden retriever', domain: 'photo', caption: null },
      { folderLabel: 'cat', domain: null, caption: null },
      { folderLabel: null, domain: null, caption: null },
    ]);
  });

  it('reads a same-named .txt next to an image as its caption, and keeps other text files', async () => {
    const { files, captions } = await ingest([
      { file: file('dog1.txt', '  a dog\non the grass '), folders: ['a'] },
      { file: file('dog1.png'), folders: ['a'] },
      { file: file('dog1.png'), folders: ['b'] },
      { file: file('notes.txt', 'hello'), folders: [] },
    ]);
    expect(captions).toBe(1);
    expect(files.map((f) => [f.file.name, f.meta.caption])).toEqual([
      ['dog1.png', 'a dog on the grass'],
      ['dog1.png', null],
      ['notes.txt', null],
    ]);
  });
});
