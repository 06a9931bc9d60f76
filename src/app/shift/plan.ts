/**
 * Which pictures a shifted test set holds: every shape class among the labels, in every chosen
 * domain, `perClass` times, each with its own seed, file name, true label and caption. Pure.
 */
import type { NewImage } from '../state/galleryStore';
import { SHIFT_DOMAINS, type ShiftDomainId } from './domains';
import { mixSeed } from './random';
import { shapeClass, type ShapeClass } from './shapes';

export const MAX_PER_CLASS = 5;
/** Side of each picture in pixels: a photo-like size, larger than the bundled model's 64-pixel input. */
export const PICTURE_SIZE = 224;

export interface PlannedPicture {
  cls: ShapeClass;
  domain: ShiftDomainId;
  /** 1-based within its class and domain. */
  index: number;
  seed: number;
  fileName: string;
  caption: string;
}

/** The labels that are bundled-model classes, in label order. */
export function shapeClasses(labels: readonly string[]): ShapeClass[] {
  return labels.map(shapeClass).filter((c): c is ShapeClass => c !== null);
}

export function planShiftedSet(labels: readonly string[], domains: readonly ShiftDomainId[], perClass: number, seed: number): PlannedPicture[] {
  const count = Math.max(0, Math.min(MAX_PER_CLASS, Math.floor(perClass)));
  const classes = shapeClasses(labels);
  const order = SHIFT_DOMAINS.map((d) => d.id).filter((id) => domains.includes(id));
  const out: PlannedPicture[] = [];
  for (const domain of order) {
    const d = SHIFT_DOMAINS.findIndex((x) => x.id === domain);
    for (const cls of classes) {
      const c = classes.indexOf(cls);
      for (let index = 1; index <= count; index++) {
        out.push({
          cls,
          domain,
          index,
          seed: mixSeed(seed, d, c, index),
          fileName: `${domain.replace(/\s+/g, '-')}-${cls.colour}-${cls.shape}-${index}.png`,
          caption: captionFor(cls, domain),
        });
      }
    }
  }
  return out;
}

const CAPTIONS: Record<ShiftDomainId, (label: string) => string> = {
  photo: (l) => `a ${l}`,
  outline: (l) => `an outline of a ${l}`,
  textured: (l) => `a textured ${l}`,
  rotated: (l) => `a rotated ${l}`,
  cluttered: (l) => `a ${l} among clutter`,
  'low contrast': (l) => `a faint ${l}`,
  'hand drawn': (l) => `a hand-drawn ${l}`,
};

function captionFor(cls: ShapeClass, domain: ShiftDomainId): string {
  return CAPTIONS[domain](`${cls.colour} ${cls.shape}`);
}

/** What the gallery gets for a drawn picture: generated, with its true label and domain. */
export function galleryImage(picture: PlannedPicture, png: Blob): NewImage {
  return {
    file: new File([png], picture.fileName, { type: 'image/png' }),
    origin: 'generated',
    truth: { label: picture.cls.label, from: 'generator' },
    domain: picture.domain,
    caption: picture.caption,
  };
}
