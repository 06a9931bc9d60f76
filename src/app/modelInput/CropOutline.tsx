/**
 * What the model sees of a picture, drawn over it: the part outside the model's input dimmed and
 * the input outlined (centre crop), or the padding around the whole picture (padded). An SVG in
 * the picture's own pixel coordinates, scaled with `xMidYMid meet`, which is the mapping of
 * `object-fit: contain`: laid over an <img> or <video> of the same box, it lines up with it.
 */
import { clipToImage, modelInputRect, padColour } from '../../clip';
import { useModelStore } from '../state';

interface Props {
  /** The picture's size in pixels (a card's image, a video frame). */
  width: number;
  height: number;
  /** Mirrored like the video under it. */
  mirrored?: boolean;
  className?: string;
}

export function CropOutline({ width, height, mirrored = false, className }: Props) {
  const preprocessor = useModelStore((s) => s.active?.model.preprocessor ?? null);
  const fit = useModelStore((s) => s.imageFit);
  if (!preprocessor || width <= 0 || height <= 0) return null;
  const input = modelInputRect(width, height, preprocessor, fit);
  const seen = clipToImage(input, width, height);
  const whole = seen.width >= width && seen.height >= height;
  const [r, g, b] = padColour(preprocessor);
  const round = (v: number) => Math.round(v * 100) / 100;
  const box = (x: number, y: number, w: number, h: number) => `M${round(x)} ${round(y)}h${round(w)}v${round(h)}h${round(-w)}Z`;
  const label = whole
    ? fit === 'pad' && (input.width > width || input.height > height)
      ? 'The model sees the whole picture, padded to a square'
      : 'The model sees the whole picture'
    : `The model sees the outlined part: ${Math.round(seen.width)} × ${Math.round(seen.height)} of ${width} × ${height} pixels`;
  return (
    <svg
      className={`crop-outline${mirrored ? ' mirrored' : ''}${className ? ` ${className}` : ''}`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={label}
      data-testid="crop-outline"
      data-fit={fit}
    >
      <title>{label}</title>
      {/* Padding: the part of the model's square beyond the picture, in the colour it is filled with. */}
      {fit === 'pad' && !(input.width <= width && input.height <= height) && (
        <path className="crop-padding" fillRule="evenodd" fill={`rgb(${r} ${g} ${b})`} d={box(input.x, input.y, input.width, input.height) + box(0, 0, width, height)} />
      )}
      {!whole && <path className="crop-shade" fillRule="evenodd" d={box(0, 0, width, height) + box(seen.x, seen.y, seen.width, seen.height)} />}
      <rect className="crop-rect" data-testid="crop-rect" x={round(seen.x)} y={round(seen.y)} width={round(seen.width)} height={round(seen.height)} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
