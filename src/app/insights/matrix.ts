/**
 * The numbers of the similarity matrix: every image against every label, as cosine similarities
 * and as per-image probabilities (softmax over logitScale × cosine across the image's row, the numbers
 * the gallery shows). Pure functions over L2-normalised embeddings.
 */
import { cosineMatrix, softmax } from '../../clip';
import { formatPercent } from '../components/format';

export type MatrixMode = 'cosine' | 'probability';

/** Columns shown at most; probabilities are still taken over every label. */
export const MAX_MATRIX_LABELS = 100;

export interface SimilarityTable {
  rows: number;
  /** Every label (the softmax runs over all of them). */
  cols: number;
  /** Row-major [rows, cols]. */
  cosines: Float32Array;
  /** Row-major [rows, cols]; each row sums to 1. */
  probabilities: Float32Array;
}

/** Vectors of length `dim` one after the other, as the row-major matrix the maths functions take. */
export function stackRows(vectors: readonly Float32Array[], dim: number): Float32Array {
  const out = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => {
    if (v.length !== dim) throw new Error(`stackRows: row ${i} has ${v.length} values, expected ${dim}`);
    out.set(v, i * dim);
  });
  return out;
}

/**
 * Cosines and probabilities of `images` (each an L2-normalised embedding) against `labelCount`
 * L2-normalised label rows. Each image row is computed exactly as the gallery computes one card
 * (the same dot products, in float32, then softmax(logitScale × cosine)), so the numbers agree digit for digit.
 */
export function similarityTable(images: readonly Float32Array[], labels: Float32Array, labelCount: number, dim: number, logitScale: number): SimilarityTable {
  const rows = images.length;
  const cosines = cosineMatrix(stackRows(images, dim), rows, labels, labelCount, dim);
  const probabilities = new Float32Array(rows * labelCount);
  for (let r = 0; r < rows; r++) {
    probabilities.set(softmax(cosines.subarray(r * labelCount, (r + 1) * labelCount), logitScale), r * labelCount);
  }
  return { rows, cols: labelCount, cosines, probabilities };
}

export function tableValues(table: SimilarityTable, mode: MatrixMode): Float32Array {
  return mode === 'cosine' ? table.cosines : table.probabilities;
}

/** The value of one cell (`row` < table.rows, `col` < table.cols). */
export function cellValue(table: SimilarityTable, mode: MatrixMode, row: number, col: number): number {
  return tableValues(table, mode)[row * table.cols + col]!;
}

/**
 * The range the colour scale spans: for cosines, the smallest and largest value among the first
 * `shownCols` columns (CLIP's cosines sit in a narrow band, so a fixed −1..1 scale would be one
 * colour); for probabilities, always 0..1 so a colour means the same probability in every row.
 */
export function colourRange(table: SimilarityTable, mode: MatrixMode, shownCols = table.cols): { min: number; max: number } {
  if (mode === 'probability') return { min: 0, max: 1 };
  const cols = Math.min(shownCols, table.cols);
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < table.rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = table.cosines[r * table.cols + c]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

/** The column of the highest value in `row` (the first on ties), over all columns: the image's top label. */
export function rowBest(table: SimilarityTable, row: number): number {
  let best = 0;
  for (let c = 1; c < table.cols; c++) if (table.cosines[row * table.cols + c]! > table.cosines[row * table.cols + best]!) best = c;
  return best;
}

/** A cell's text: cosines with 2 decimals, probabilities as the gallery prints percentages. */
export function formatValue(value: number, mode: MatrixMode): string {
  if (mode === 'probability') return formatPercent(value);
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}
