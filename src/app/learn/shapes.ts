/**
 * The coloured shapes the bundled demo model knows, as SVG path data in unit coordinates (centre
 * 0,0, radius 1, y down): drawn on a canvas for a sample, and as a thumbnail on its button. Their
 * proportions follow the model's training pictures (scripts/test-model/shapes.py).
 */
export type Shape = 'circle' | 'square' | 'triangle' | 'star' | 'heart' | 'cross';

function starPath(points: number, inner: number): string {
  const corners = Array.from({ length: points * 2 }, (_, i) => {
    const radius = i % 2 === 0 ? 1 : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / points;
    return `${(radius * Math.cos(angle)).toFixed(4)} ${(radius * Math.sin(angle)).toFixed(4)}`;
  });
  return `M ${corners.join(' L ')} Z`;
}

export const SHAPE_PATHS: Record<Shape, string> = {
  circle: 'M 1 0 A 1 1 0 1 1 -1 0 A 1 1 0 1 1 1 0 Z',
  square: 'M -0.85 -0.85 H 0.85 V 0.85 H -0.85 Z',
  triangle: 'M 0 -1 L 0.95 0.7 L -0.95 0.7 Z',
  star: starPath(5, 0.45),
  heart: 'M 0 0.9 C -1.4 -0.1 -0.6 -1.1 0 -0.45 C 0.6 -1.1 1.4 -0.1 0 0.9 Z',
  // Two bars drawn the same way round, so the non-zero fill rule fills their overlap too.
  cross: 'M -1 -0.32 H 1 V 0.32 H -1 Z M -0.32 -1 H 0.32 V 1 H -0.32 Z',
};

/** Colours well inside each colour word's range in the model's training pictures. */
export const SHAPE_COLOURS = {
  red: '#e01b1b',
  orange: '#ff8c00',
  yellow: '#f2d20c',
  green: '#1fa31f',
  blue: '#1f3fe0',
  purple: '#8a2be2',
} as const;

export type ShapeColour = keyof typeof SHAPE_COLOURS;
