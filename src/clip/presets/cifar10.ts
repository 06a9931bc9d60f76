/**
 * CIFAR-10's 10 class names, in the dataset's label order, as the CLIP release words them
 * (its `data/prompts.md`). Class names are facts; the release's prompt templates are not copied.
 */
export const CIFAR10_LABELS: readonly string[] = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];
