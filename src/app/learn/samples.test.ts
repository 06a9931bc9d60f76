import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_ID } from '../../clip/modelSource';
import { SHAPE_LABELS } from '../labels/defaultLabels';
import { DRAWN_SAMPLES, PHOTO_SAMPLES, sampleImage, samplesFor, sampleUrl } from './samples';
import { SHAPE_PATHS } from './shapes';

const SAMPLES_DIR = path.resolve('public/samples');

describe('samples', () => {
  it('fit the model in use: drawn shapes for the bundled model, photos for a real CLIP', () => {
    expect(samplesFor(BUNDLED_MODEL_ID)).toBe(DRAWN_SAMPLES);
    expect(samplesFor('Xenova/clip-vit-base-patch32')).toBe(PHOTO_SAMPLES);
    // Every drawn sample is one of the bundled model's 36 labels, each shape once.
    for (const s of DRAWN_SAMPLES) expect(SHAPE_LABELS).toContain(s.title);
    expect(new Set(DRAWN_SAMPLES.map((s) => s.shape)).size).toBe(Object.keys(SHAPE_PATHS).length);
  });

  it('ships only photos whose licence is named, small enough for every student to fetch', () => {
    const licence = readFileSync(path.join(SAMPLES_DIR, 'LICENSE.md'), 'utf8');
    const shipped = readdirSync(SAMPLES_DIR).filter((f) => f !== 'LICENSE.md');
    expect(shipped.sort()).toEqual(PHOTO_SAMPLES.map((s) => s.file).sort());
    for (const file of shipped) {
      // Each file has its own section quoting its licence, which must be public domain or CC0.
      const section = licence.split('\n## ').find((part) => part.startsWith(`\`${file}\``));
      expect(section, `${file} in LICENSE.md`).toBeDefined();
      expect(section).toMatch(/CC0|public domain/);
    }
    const total = shipped.reduce((sum, f) => sum + statSync(path.join(SAMPLES_DIR, f)).size, 0);
    expect(total).toBeLessThan(300_000);
  });

  it('go into the gallery with what is known about them', () => {
    const file = new File([], 'x.png');
    const star = DRAWN_SAMPLES.find((s) => s.shape === 'star')!;
    expect(sampleImage(star, file)).toMatchObject({ origin: 'generated', truth: { label: 'blue star', from: 'generator' }, domain: 'drawing' });
    const horse = PHOTO_SAMPLES.find((s) => s.file === 'horse.png')!;
    expect(sampleImage(horse, file)).toMatchObject({ origin: 'file', domain: 'sketch', caption: 'a black silhouette of a horse' });
    expect(sampleUrl(horse, 'https://192.168.1.2:8080/app/')).toBe('https://192.168.1.2:8080/app/samples/horse.png');
  });
});
