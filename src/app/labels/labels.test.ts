import { describe, expect, it } from 'vitest';
import { applyTemplate, limitMessage, MAX_LABEL_LENGTH, MAX_LABELS, MAX_PROMPT_LENGTH, MAX_TEMPLATE_LENGTH, parseLabels, repeatedLabels, withinLimits } from './labels';
import { IMAGENET_DUPLICATES, PRESETS } from '../../clip/presets';

describe('parseLabels', () => {
  it('takes one label per line, trimming and dropping blanks and repeats', () => {
    expect(parseLabels(' red circle \n\n blue  square\r\nred circle\n')).toEqual(['red circle', 'blue square']);
  });
  it('gives no labels for empty text', () => {
    expect(parseLabels('\n  \n')).toEqual([]);
  });
});

describe('repeatedLabels', () => {
  it('names each label written more than once, once, as parseLabels compares them', () => {
    expect(repeatedLabels('red circle\nblue  square\n red circle \nblue square\nred circle\ngreen')).toEqual(['red circle', 'blue square']);
    expect(repeatedLabels('a\nb\n\n')).toEqual([]);
  });
  it("finds ImageNet's two names that occur twice", () => {
    const imagenet = PRESETS.find((p) => p.id === 'imagenet')!;
    expect(repeatedLabels(imagenet.labels.join('\n'))).toEqual(IMAGENET_DUPLICATES);
    expect(parseLabels(imagenet.labels.join('\n'))).toHaveLength(998);
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

describe('withinLimits', () => {
  const many = Array.from({ length: 2500 }, (_, i) => `label ${i}`);
  it('uses the first 2000 labels and says how many there were', () => {
    const limited = withinLimits(many, 'a photo of a {}.');
    expect(limited.labels).toHaveLength(MAX_LABELS);
    expect(limited.labels[1999]).toBe('label 1999');
    expect(limited.problems).toEqual([{ kind: 'too-many-labels', count: 2500 }]);
    expect(limitMessage(limited.problems[0]!)).toBe('2,500 labels: only the first 2,000 are used.');
  });
  it('cuts labels and the template at 300 characters', () => {
    const long = 'x'.repeat(400);
    const limited = withinLimits(['cat', long, `${long}y`], `${'{}'.repeat(200)}`);
    expect(limited.labels).toEqual(['cat', 'x'.repeat(MAX_LABEL_LENGTH)]);
    expect(limited.template).toHaveLength(MAX_TEMPLATE_LENGTH);
    expect(limited.problems).toEqual([
      { kind: 'long-labels', count: 2 },
      { kind: 'long-template', length: 400 },
    ]);
  });
  it('leaves what is within the limits alone', () => {
    expect(withinLimits(['cat', 'dog'], ' a photo of a {}. ')).toEqual({ labels: ['cat', 'dog'], template: 'a photo of a {}.', problems: [] });
  });
});

describe('prompt length', () => {
  it('cuts a prompt at 1000 characters however often the template repeats {}', () => {
    expect(applyTemplate('{}'.repeat(150), 'y'.repeat(300))).toHaveLength(MAX_PROMPT_LENGTH);
  });
});
