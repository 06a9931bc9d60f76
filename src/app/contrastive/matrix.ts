/**
 * The numbers of the contrastive view: images (rows) × captions (columns, in the shown order) as
 * cosine similarities, and CLIP's loss of that batch. Pure functions over L2-normalised embeddings.
 */
import { contrastiveLoss, cosineMatrix, type ContrastiveBatchLoss } from '../../clip';
import { stackRows } from '../insights/matrix';
import type { BatchPair } from './batch';

export type ContrastiveMode = 'cosine' | 'image-to-text' | 'text-to-image';

export interface CaptionColumn {
  /** Index of the pair whose caption this is. */
  pair: number;
  caption: string;
  /** The caption was longer than the model's context and was cut. */
  truncated: boolean;
}

export interface ContrastiveTable {
  n: number;
  columns: CaptionColumn[];
  /** Row-major [image, caption column], float32 as every other score in the app. */
  cosines: Float32Array;
  loss: ContrastiveBatchLoss;
}

export interface CaptionEmbedding {
  embedding: Float32Array;
  truncated: boolean;
}

/**
 * The table for `pairs` with their captions in `order` (column j holds the caption of pair
 * `order[j]`); null while any caption has no embedding yet. `order` must be a permutation of
 * 0..n − 1, else the pairs' own order is used.
 */
export function contrastiveTable(
  pairs: readonly BatchPair[],
  captions: ReadonlyMap<string, CaptionEmbedding>,
  order: readonly number[] | null,
  logitScale: number,
): ContrastiveTable | null {
  const n = pairs.length;
  if (n === 0) return null;
  const columnOrder = order && isPermutation(order, n) ? order : pairs.map((_, i) => i);
  const columns: CaptionColumn[] = [];
  const textRows: Float32Array[] = [];
  for (const index of columnOrder) {
    const caption = pairs[index]!.caption;
    const encoded = captions.get(caption);
    if (!encoded) return null;
    columns.push({ pair: index, caption, truncated: encoded.truncated });
    textRows.push(encoded.embedding);
  }
  const dim = pairs[0]!.embedding.length;
  if (textRows.some((row) => row.length !== dim) || pairs.some((p) => p.embedding.length !== dim)) return null;
  const cosines = cosineMatrix(stackRows(pairs.map((p) => p.embedding), dim), n, stackRows(textRows, dim), n, dim);
  return { n, columns, cosines, loss: contrastiveLoss(cosines, n, logitScale) };
}

/** The value a cell shows in `mode`. */
export function cellValue(table: ContrastiveTable, mode: ContrastiveMode, row: number, col: number): number {
  const i = row * table.n + col;
  if (mode === 'cosine') return table.cosines[i]!;
  return (mode === 'image-to-text' ? table.loss.rowSoftmax : table.loss.columnSoftmax)[i]!;
}

/**
 * Loss values with three decimals (a shuffled batch at scale 100 reaches tens); a loss too small
 * for that (a confident model's true pairs) in scientific notation, so it does not read as 0.
 */
export function formatLoss(value: number): string {
  return value === 0 || Math.abs(value) >= 0.001 ? value.toFixed(3) : value.toExponential(1);
}

function isPermutation(order: readonly number[], n: number): boolean {
  if (order.length !== n) return false;
  const seen = new Set(order);
  return seen.size === n && order.every((v) => Number.isInteger(v) && v >= 0 && v < n);
}
