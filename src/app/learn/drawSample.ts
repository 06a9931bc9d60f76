/** Draws a coloured-shape sample as a PNG file, for the bundled demo model. */
import { SHAPE_COLOURS, SHAPE_PATHS, type Shape, type ShapeColour } from './shapes';

const WIDTH = 320;
const HEIGHT = 240;
/** Shape radius as a fraction of the shorter side, within the training pictures' range. */
const SIZE = 0.32;

export async function drawSample(shape: Shape, colour: ShapeColour): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const radius = SIZE * Math.min(WIDTH, HEIGHT);
  ctx.setTransform(radius, 0, 0, radius, WIDTH / 2, HEIGHT / 2);
  ctx.fillStyle = SHAPE_COLOURS[colour];
  ctx.fill(new Path2D(SHAPE_PATHS[shape]), 'nonzero');
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The drawing could not be made into a picture.');
  return new File([blob], `sample-${colour}-${shape}.png`, { type: 'image/png' });
}
