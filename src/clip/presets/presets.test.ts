/// <reference types="node" />
/**
 * The benchmark presets must be the CLIP release's class lists exactly (same names, same order,
 * so label i is dataset class i). They are checked against the release's prompts.md, which lives
 * next to the repository (../shared/clip-reference/) and is never copied into it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingReferenceData } from '../testing/referenceData';
import { CIFAR10_LABELS, CIFAR100_LABELS, IMAGENET_DUPLICATES, IMAGENET_LABELS, PRESETS, presetById } from './index';

const PROMPTS_MD = fileURLToPath(new URL('../../../../shared/clip-reference/prompts.md', import.meta.url));
const hasPrompts = existsSync(PROMPTS_MD);
const missing = hasPrompts ? null : missingReferenceData(PROMPTS_MD, process.env.CI);
if (missing) console.warn(`Preset class-list checks: ${missing.message}`);

/**
 * The `classes = [...]` list of one `## <section>` of prompts.md, or null when there is no such
 * section. Only flat lists of quoted strings are accepted: a nested list (FER2013 gives several
 * names per class) throws rather than being half-parsed.
 */
function releaseClasses(markdown: string, section: string): string[] | null {
  const heading = markdown.split(/^## /m).find((part) => part.split('\n', 1)[0]!.trim() === section);
  if (heading === undefined) return null;
  const block = /^classes = \[\n([\s\S]*?)^\]/m.exec(heading);
  if (!block) throw new Error(`prompts.md, ${section}: no classes = [...] block`);
  // Both groups are not optional: a match has them.
  return block[1]!
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const item = /^\s*(['"])(.*)\1,?\s*$/.exec(line);
      if (!item) throw new Error(`prompts.md, ${section}: cannot read class line ${JSON.stringify(line)}`);
      return item[2]!;
    });
}

/** Labels that occur more than once, each reported once, in order of first repeat. */
function duplicates(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const label of labels) (seen.has(label) ? repeated : seen).add(label);
  return [...repeated];
}

/** FNV-1a over the UTF-16 code units: a cheap fingerprint of a whole list. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

describe.skipIf(missing?.skip === true)(`presets match the CLIP release's class lists (${PROMPTS_MD})`, () => {
  const markdown = hasPrompts ? readFileSync(PROMPTS_MD, 'utf8') : '';

  it('finds the reference prompts.md', () => {
    expect(hasPrompts, missing?.message).toBe(true);
  });

  it('CIFAR-10 is the release list, in order', () => {
    const expected = releaseClasses(markdown, 'CIFAR10');
    expect(expected).toHaveLength(10);
    expect(CIFAR10_LABELS).toEqual(expected);
    expect(presetById('cifar10')?.labels).toEqual(expected);
  });

  it('CIFAR-100 is the release list, in order', () => {
    const expected = releaseClasses(markdown, 'CIFAR100');
    expect(expected).toHaveLength(100);
    expect(CIFAR100_LABELS).toEqual(expected);
    expect(presetById('cifar100')?.labels).toEqual(expected);
  });

  it('ImageNet equals the release list where prompts.md has one', () => {
    const expected = releaseClasses(markdown, 'ImageNet');
    if (expected === null) {
      // prompts.md (as released) has no ImageNet section: it points to the ImageNet notebook,
      // from which the preset was transcribed. Pin that, so adding the section turns this into
      // the exact comparison below.
      expect(markdown).toContain('Prompt_Engineering_for_ImageNet');
      return;
    }
    expect(IMAGENET_LABELS).toEqual(expected);
  });
});

describe('ImageNet preset', () => {
  it('has the 1000 classes in ImageNet label order', () => {
    expect(IMAGENET_LABELS).toHaveLength(1000);
    // Anchors at classes whose ImageNet names were ambiguous and which CLIP renamed.
    expect(IMAGENET_LABELS[0]).toBe('tench');
    expect(IMAGENET_LABELS[21]).toBe('kite (bird of prey)');
    expect(IMAGENET_LABELS[134]).toBe('crane bird');
    expect(IMAGENET_LABELS[517]).toBe('construction crane');
    expect(IMAGENET_LABELS[638]).toBe('tights');
    expect(IMAGENET_LABELS[639]).toBe('one-piece bathing suit');
    expect(IMAGENET_LABELS[677]).toBe('metal nail');
    expect(IMAGENET_LABELS[999]).toBe('toilet paper');
  });

  it('keeps the release duplicates and only those ("missile" 657/744, "sunglasses" 836/837)', () => {
    expect(duplicates(IMAGENET_LABELS)).toEqual([...IMAGENET_DUPLICATES]);
    expect([IMAGENET_LABELS[657], IMAGENET_LABELS[744]]).toEqual(['missile', 'missile']);
    expect([IMAGENET_LABELS[836], IMAGENET_LABELS[837]]).toEqual(['sunglasses', 'sunglasses']);
  });

  it('is unchanged since it was checked against the release (two independent copies agreed)', () => {
    // If this fails after a deliberate edit, re-check the list against the CLIP release first.
    expect(fnv1a(IMAGENET_LABELS.join('\n'))).toBe('155e01ff');
  });
});

describe('PRESETS', () => {
  it('have unique, URL-safe ids, and presetById finds each', () => {
    const ids = PRESETS.map((preset) => preset.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const preset of PRESETS) {
      expect(preset.id).toMatch(/^[a-z0-9-]+$/);
      expect(presetById(preset.id)).toBe(preset);
      expect(preset.name.trim()).not.toBe('');
      expect(preset.description.trim()).not.toBe('');
    }
    expect(presetById('no-such-preset')).toBeUndefined();
  });

  it('have no empty, padded or multi-line labels', () => {
    for (const preset of PRESETS) {
      expect(preset.labels.length, preset.id).toBeGreaterThan(0);
      for (const label of preset.labels) {
        expect(label, preset.id).toBe(label.trim().replace(/\s+/g, ' '));
        expect(label, preset.id).not.toBe('');
      }
    }
  });

  it('have no duplicate labels, except the ones the ImageNet release itself has', () => {
    for (const preset of PRESETS) {
      expect(duplicates(preset.labels), preset.id).toEqual(preset.id === 'imagenet' ? [...IMAGENET_DUPLICATES] : []);
    }
  });
});
