/**
 * Ready-made label lists for the lecture: the classic benchmark class lists (facts taken from the
 * CLIP release, so zero-shot results can be compared with the paper) and a few small fun sets.
 * Ids are short and stable because they travel in shared links (`?preset=cifar10`).
 */
import { CIFAR10_LABELS } from './cifar10';
import { CIFAR100_LABELS } from './cifar100';
import { EMOTION_LABELS, FRUIT_LABELS, PET_LABELS, WEATHER_LABELS } from './fun';
import { IMAGENET_DUPLICATES, IMAGENET_LABELS } from './imagenet';

export interface LabelPreset {
  /** Stable, URL-safe id; never rename one, old links carry it. */
  id: string;
  /** Short name for a menu. */
  name: string;
  /** One sentence for a tooltip or caption. */
  description: string;
  labels: readonly string[];
}

export { CIFAR10_LABELS, CIFAR100_LABELS, EMOTION_LABELS, FRUIT_LABELS, IMAGENET_DUPLICATES, IMAGENET_LABELS, PET_LABELS, WEATHER_LABELS };

/** In menu order: small fun sets first, then benchmarks by size. */
export const PRESETS: readonly LabelPreset[] = [
  { id: 'fruit', name: 'Fruit', description: 'Twelve everyday fruits, including look-alikes such as lemon and lime.', labels: FRUIT_LABELS },
  { id: 'pets', name: 'Pets', description: 'Ten animals people keep at home.', labels: PET_LABELS },
  { id: 'weather', name: 'Weather', description: 'Eight kinds of sky and weather, for landscape photos.', labels: WEATHER_LABELS },
  { id: 'emotions', name: 'Emotions in faces', description: 'Seven facial expressions, for portraits.', labels: EMOTION_LABELS },
  { id: 'cifar10', name: 'CIFAR-10', description: 'The 10 classes of the CIFAR-10 benchmark, as worded by the CLIP paper.', labels: CIFAR10_LABELS },
  { id: 'cifar100', name: 'CIFAR-100', description: 'The 100 classes of the CIFAR-100 benchmark, as worded by the CLIP paper.', labels: CIFAR100_LABELS },
  {
    id: 'imagenet',
    name: 'ImageNet',
    description: 'The 1000 ImageNet classes with the names cleaned up for CLIP (two names occur twice, as released).',
    labels: IMAGENET_LABELS,
  },
];

export function presetById(id: string): LabelPreset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
