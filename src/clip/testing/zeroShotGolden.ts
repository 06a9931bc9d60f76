/**
 * The golden zero-shot test of the bundled model (`clip-shapes-tiny`), shared by the Node test
 * (workers/model/zeroShotGolden.test.ts, onnxruntime-node) and the browser test (the built app):
 * fixed drawn pictures, fixed label sets, and the expected scores (softmax over 100 × cosine).
 *
 * The expected numbers in zeroShotGolden.json are made by `scripts/golden/make-goldens.sh` without
 * the project's TypeScript and without onnxruntime: Pillow decodes and preprocesses the PNGs, the
 * model's own BPE (scripts/test-model/bpe.py) tokenizes, and a NumPy evaluator of the ONNX graphs
 * (scripts/golden/onnx_numpy.py) runs the towers.
 *
 * How to reproduce them: the three pictures in ONE image call (in this order), each label set in
 * ONE text call, with no cached text embeddings (a fresh model; in a browser, empty IndexedDB).
 * The 8-bit towers quantize activations with one scale per batch, so their embeddings depend on
 * what was batched together (the fp32 ones do not, to ~1e-6); the 8-bit goldens hold for exactly
 * these batches. The label sets share no text, so encoding them one after the other is fine.
 */
import goldenJson from './zeroShotGolden.json' with { type: 'json' };
import { drawShape, encodePng, type RgbaImage, type ShapePicture } from './drawShapes';

export interface GoldenPicture extends ShapePicture {
  /** File name, also the key in the goldens. */
  name: string;
}

/** CSS red, blue and green: inside the model's training colour ranges. */
export const GOLDEN_PICTURES: readonly GoldenPicture[] = [
  { name: 'red-circle.png', shape: 'circle', colour: [255, 0, 0], width: 96, height: 80, size: 0.34 },
  { name: 'blue-square.png', shape: 'square', colour: [0, 0, 255], width: 80, height: 96, size: 0.36 },
  { name: 'green-triangle.png', shape: 'triangle', colour: [0, 128, 0], width: 90, height: 90, size: 0.38 },
];

export interface GoldenLabelSet {
  name: string;
  /** The texts given to the text tower, templates already applied. */
  texts: readonly string[];
}

const COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'];
const SHAPES = ['circle', 'square', 'triangle', 'star', 'heart', 'cross'];

/**
 * The full label set gives saturated scores (1.0000 for the right label); the other sets hold
 * texts the model finds about equally close to a picture, so their scores are far from 0 and 1
 * and small errors in any step show in the fourth decimal.
 */
export const GOLDEN_LABEL_SETS: readonly GoldenLabelSet[] = [
  { name: 'all 36 labels', texts: COLOURS.flatMap((c) => SHAPES.map((s) => `a photo of a ${c} ${s}.`)) },
  {
    name: 'words and phrases',
    texts: ['red', 'blue', 'green', 'circle', 'square', 'triangle', 'a red shape', 'a blue shape', 'a green shape', 'a photo of a circle.', 'a photo of a square.', 'a photo of a triangle.'],
  },
  {
    name: 'near misses',
    texts: ['a red square', 'an orange circle', 'a blue triangle', 'a blue cross', 'a green square', 'a yellow triangle'],
  },
];

export type GoldenTowers = 'fp32' | 'q8';

export interface GoldenScores {
  /** scores[picture name][label set name]: softmax(100 × cosine) over the set's texts, in order. */
  scores: Record<string, Record<string, number[]>>;
}

export interface GoldenFile {
  model: string;
  provenance: string;
  towers: Record<GoldenTowers, GoldenScores>;
}

export const ZERO_SHOT_GOLDEN: GoldenFile = goldenJson;

export function goldenImage(picture: GoldenPicture): RgbaImage {
  return drawShape(picture);
}

/** The picture's PNG bytes (RGBA by default: the worker decodes those the same way in Node and browsers). */
export function goldenPng(picture: GoldenPicture, alpha = true): Uint8Array {
  return encodePng(goldenImage(picture), { alpha });
}
