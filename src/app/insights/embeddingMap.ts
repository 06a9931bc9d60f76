/**
 * The embedding map's maths: image and label embeddings projected together onto their two
 * principal axes (`pca2d` of the CLIP core), fitted into an SVG view with the same scale on both
 * axes (so distances on screen stay faithful), and the mean cosine within and between the two
 * modalities, which puts a number on the "modality gap". Pure functions.
 */
import { pca2d } from '../../clip';
import { stackRows } from './matrix';

export type PointKind = 'image' | 'label';

export interface MapPoint {
  kind: PointKind;
  /** Index among the images, or among the labels. */
  index: number;
  /** Coordinates along the first and second principal axes. */
  x: number;
  y: number;
}

export interface EmbeddingProjection {
  points: MapPoint[];
  /** Fraction of the variance along each axis. */
  explained: [number, number];
}

/** Labels put on the map at most (PCA of 1000+ rows is slow work for the page's thread). */
export const MAX_MAP_LABELS = 300;

/** Images and labels (row-major `labelCount` × `dim`) projected together; images first. */
export function projectTogether(images: readonly Float32Array[], labels: Float32Array, labelCount: number, dim: number): EmbeddingProjection {
  if (labels.length < labelCount * dim) throw new Error(`projectTogether: expected ${labelCount}×${dim} label values, got ${labels.length}`);
  const rows = new Float32Array((images.length + labelCount) * dim);
  rows.set(stackRows(images, dim), 0);
  rows.set(labels.subarray(0, labelCount * dim), images.length * dim);
  const { points, explained } = pca2d(rows, images.length + labelCount, dim);
  const out: MapPoint[] = [];
  for (let i = 0; i < images.length + labelCount; i++) {
    const isImage = i < images.length;
    out.push({ kind: isImage ? 'image' : 'label', index: isImage ? i : i - images.length, x: points[i * 2]!, y: points[i * 2 + 1]! });
  }
  return { points: out, explained };
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface LayoutOptions {
  width: number;
  padding: Padding;
  minHeight: number;
  maxHeight: number;
}

export interface ViewLayout {
  width: number;
  height: number;
  /** View units per projection unit, the same on both axes. */
  scale: number;
  /** Projection coordinates to view coordinates (y grows upwards on the map, downwards in SVG). */
  toView(x: number, y: number): { x: number; y: number };
}

export const DEFAULT_LAYOUT: LayoutOptions = { width: 640, padding: { top: 24, right: 110, bottom: 40, left: 40 }, minHeight: 260, maxHeight: 560 };

/**
 * A view `width` wide and as tall as the points need (within minHeight..maxHeight), the points
 * scaled equally on both axes and centred in the area inside `padding`.
 */
export function layoutPoints(points: readonly { x: number; y: number }[], options: LayoutOptions = DEFAULT_LAYOUT): ViewLayout {
  const { width, padding, minHeight, maxHeight } = options;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  if (points.length === 0) minX = maxX = minY = maxY = 0;
  const innerWidth = Math.max(1, width - padding.left - padding.right);
  const innerMaxHeight = Math.max(1, maxHeight - padding.top - padding.bottom);
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const candidates = [spanX > 0 ? innerWidth / spanX : Infinity, spanY > 0 ? innerMaxHeight / spanY : Infinity];
  const fitted = Math.min(...candidates);
  const scale = Number.isFinite(fitted) ? fitted : 1;
  const height = Math.min(maxHeight, Math.max(minHeight, spanY * scale + padding.top + padding.bottom));
  const offsetX = padding.left + (innerWidth - spanX * scale) / 2;
  const innerHeight = height - padding.top - padding.bottom;
  const offsetY = padding.top + (innerHeight - spanY * scale) / 2;
  return {
    width,
    height,
    scale,
    toView: (x, y) => ({ x: offsetX + (x - minX) * scale, y: offsetY + (maxY - y) * scale }),
  };
}

export interface ModalityCosines {
  /** Mean cosine over pairs of different images; null for fewer than 2 images. */
  imageImage: number | null;
  /** Mean cosine over pairs of different labels; null for fewer than 2 labels. */
  labelLabel: number | null;
  /** Mean cosine over (image, label) pairs; null when either is missing. */
  imageLabel: number | null;
}

/**
 * Mean pairwise cosines within and between the modalities, from sums of the rows (linear time):
 * for unit rows, Σ_{i≠j} xᵢ·xⱼ = |Σxᵢ|² − Σ|xᵢ|², and Σ_{i,j} aᵢ·bⱼ = (Σaᵢ)·(Σbⱼ).
 */
export function modalityCosines(images: Float32Array, imageCount: number, labels: Float32Array, labelCount: number, dim: number): ModalityCosines {
  const sum = (rows: Float32Array, count: number) => {
    const total = new Float64Array(dim);
    let squares = 0;
    for (let r = 0; r < count; r++) {
      for (let k = 0; k < dim; k++) {
        const v = rows[r * dim + k]!;
        total[k]! += v;
        squares += v * v;
      }
    }
    return { total, squares };
  };
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, k) => s + v * b[k]!, 0);
  const a = sum(images, imageCount);
  const b = sum(labels, labelCount);
  const within = (s: { total: Float64Array; squares: number }, n: number) => (n < 2 ? null : (dot(s.total, s.total) - s.squares) / (n * (n - 1)));
  return {
    imageImage: within(a, imageCount),
    labelLabel: within(b, labelCount),
    imageLabel: imageCount > 0 && labelCount > 0 ? dot(a.total, b.total) / (imageCount * labelCount) : null,
  };
}

/**
 * Layout options for a map drawn `available` pixels wide, so one view unit is about one pixel and
 * text stays legible on a phone; room on the right for label names when they are shown.
 */
export function layoutFor(available: number, namedLabels: boolean): LayoutOptions {
  const width = Math.round(Math.min(900, Math.max(300, available || DEFAULT_LAYOUT.width)));
  const right = namedLabels ? Math.round(Math.min(110, width * 0.22)) : 24;
  return {
    width,
    padding: { ...DEFAULT_LAYOUT.padding, right },
    minHeight: DEFAULT_LAYOUT.minHeight,
    maxHeight: Math.round(Math.min(DEFAULT_LAYOUT.maxHeight, Math.max(DEFAULT_LAYOUT.minHeight, width))),
  };
}
