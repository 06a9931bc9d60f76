/** Labels to start with, so a first visit shows results at once. */
import { BUNDLED_MODEL_ID } from '../../clip/modelSource';

const EVERYDAY = ['dog', 'cat', 'bird', 'car', 'bicycle', 'pizza', 'tree', 'person', 'building', 'flower'];

/** The bundled demo model only knows coloured shapes. */
const SHAPES_COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'];
const SHAPES = ['circle', 'square', 'triangle', 'star', 'heart', 'cross'];
export const SHAPE_LABELS = SHAPES_COLOURS.flatMap((colour) => SHAPES.map((shape) => `${colour} ${shape}`));

export function defaultLabels(modelId: string): string[] {
  return modelId === BUNDLED_MODEL_ID ? SHAPE_LABELS : EVERYDAY;
}
