import { describe, expect, it } from 'vitest';
import { applyTemplate, parseLabels } from './labels';

describe('parseLabels', () => {
  it('takes one label per line, trimming and dropping blanks and repeats', () => {
    expect(parseLabels(' red circle \n\n blue  square\r\nred circle\n')).toEqual(['red circle', 'blue square']);
  });
  it('gives no labels for empty text', () => {
    expect(parseLabels('\n  \n')).toEqual([]);
  });
});

describe('applyTemplate', () => {
  it('replaces every {}', () => {
    expect(applyTemplate('a photo of a {}.', 'dog')).toBe('a photo of a dog.');
    expect(applyTemplate('{} or {}', 'x')).toBe('x or x');
  });
  it('appends the label to a template without {}, and uses the bare label for an empty one', () => {
    expect(applyTemplate('a photo of', 'dog')).toBe('a photo of dog');
    expect(applyTemplate('  ', 'dog')).toBe('dog');
  });
});
