import { describe, expect, it } from 'vitest';
import { SHIFT_DOMAINS } from './domains';
import { galleryImage, planShiftedSet, shapeClasses } from './plan';

const ALL = SHIFT_DOMAINS.map((d) => d.id);

describe('planShiftedSet', () => {
  it('makes perClass pictures of every shape class in every chosen domain, named by domain and class', () => {
    const plan = planShiftedSet(['red circle', 'dog', 'blue square'], ALL, 2, 1);
    expect(plan).toHaveLength(2 * 7 * 2);
    expect(new Set(plan.map((p) => p.domain))).toEqual(new Set(ALL));
    expect(plan.filter((p) => p.domain === 'low contrast').map((p) => p.fileName)).toEqual([
      'low-contrast-red-circle-1.png',
      'low-contrast-red-circle-2.png',
      'low-contrast-blue-square-1.png',
      'low-contrast-blue-square-2.png',
    ]);
    expect(new Set(plan.map((p) => p.fileName)).size).toBe(plan.length);
    expect(new Set(plan.map((p) => p.seed)).size).toBe(plan.length);
    expect(plan.find((p) => p.domain === 'outline')!.caption).toBe('an outline of a red circle');
  });

  it('keeps the domains in their own order, clamps the count, and has nothing to draw without shape labels', () => {
    expect([...new Set(planShiftedSet(['red circle'], ['rotated', 'photo'], 1, 1).map((p) => p.domain))]).toEqual(['photo', 'rotated']);
    expect(planShiftedSet(['red circle'], ['photo'], 99, 1)).toHaveLength(5);
    expect(planShiftedSet(['red circle'], ['photo'], 0, 1)).toHaveLength(0);
    expect(planShiftedSet(['dog', 'cat'], ALL, 3, 1)).toEqual([]);
    expect(shapeClasses(['Red Circle', 'cat']).map((c) => c.label)).toEqual(['Red Circle']);
  });

  it('gives new pictures for a new seed, the same for the same seed', () => {
    const seeds = (seed: number) => planShiftedSet(['red circle'], ALL, 1, seed).map((p) => p.seed);
    expect(seeds(5)).toEqual(seeds(5));
    expect(seeds(6)).not.toEqual(seeds(5));
  });

  it('hands the gallery a generated picture with its true label (as the labels spell it) and domain', () => {
    const [picture] = planShiftedSet(['Red Circle'], ['hand drawn'], 1, 1);
    const image = galleryImage(picture!, new Blob([new Uint8Array([1])], { type: 'image/png' }));
    expect(image).toMatchObject({ origin: 'generated', truth: { label: 'Red Circle', from: 'generator' }, domain: 'hand drawn', caption: 'a hand-drawn red circle' });
    expect(image.file.name).toBe('hand-drawn-red-circle-1.png');
    expect(image.file.type).toBe('image/png');
  });
});
