/**
 * The samples a first visit can try in one click, chosen for the model in use: the bundled demo
 * model knows only coloured shapes, so it gets shapes drawn by the app; a real CLIP gets photos
 * (public/samples/, public domain or CC0: see public/samples/LICENSE.md).
 */
import { BUNDLED_MODEL_ID } from '../../clip/modelSource';
import type { NewImage } from '../state/galleryStore';
import type { Shape, ShapeColour } from './shapes';

export interface PhotoSample {
  kind: 'photo';
  /** File name in public/samples/. */
  file: string;
  /** What the button says. */
  title: string;
  /** For the gallery: the kind of picture, and a caption for the contrastive view. */
  domain: string;
  caption: string;
}

export interface DrawnSample {
  kind: 'drawn';
  shape: Shape;
  colour: ShapeColour;
  title: string;
}

export type Sample = PhotoSample | DrawnSample;

export const PHOTO_SAMPLES: readonly PhotoSample[] = [
  { kind: 'photo', file: 'cat.jpg', title: 'a cat', domain: 'photo', caption: 'a tabby cat lying on a blanket' },
  { kind: 'photo', file: 'coffee.jpg', title: 'coffee', domain: 'photo', caption: 'a cup of coffee on a wooden table' },
  { kind: 'photo', file: 'astronaut.jpg', title: 'an astronaut', domain: 'photo', caption: 'an astronaut in an orange suit with a flag' },
  { kind: 'photo', file: 'rocket.jpg', title: 'a rocket', domain: 'photo', caption: 'a rocket launching into the sky' },
  // A silhouette: the kind of shifted picture ("ImageNet Sketch") on which CLIP holds up.
  { kind: 'photo', file: 'horse.png', title: 'a horse (drawing)', domain: 'sketch', caption: 'a black silhouette of a horse' },
];

export const DRAWN_SAMPLES: readonly DrawnSample[] = [
  { kind: 'drawn', shape: 'circle', colour: 'red', title: 'red circle' },
  { kind: 'drawn', shape: 'star', colour: 'blue', title: 'blue star' },
  { kind: 'drawn', shape: 'heart', colour: 'green', title: 'green heart' },
  { kind: 'drawn', shape: 'triangle', colour: 'yellow', title: 'yellow triangle' },
  { kind: 'drawn', shape: 'cross', colour: 'purple', title: 'purple cross' },
  { kind: 'drawn', shape: 'square', colour: 'orange', title: 'orange square' },
];

export function samplesFor(modelId: string): readonly Sample[] {
  return modelId === BUNDLED_MODEL_ID ? DRAWN_SAMPLES : PHOTO_SAMPLES;
}

export function sampleUrl(sample: PhotoSample, base: string): string {
  return new URL(`samples/${sample.file}`, base).href;
}

/** The gallery entry for a sample's picture. */
export function sampleImage(sample: Sample, file: File): NewImage {
  if (sample.kind === 'drawn') {
    return { file, origin: 'generated', truth: { label: sample.title, from: 'generator' }, domain: 'drawing', caption: `a ${sample.title}` };
  }
  return { file, origin: 'file', domain: sample.domain, caption: sample.caption };
}
