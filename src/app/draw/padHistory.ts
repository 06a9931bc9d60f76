/**
 * What is on the drawing pad, as the list of operations that made it (strokes, words, clears,
 * background changes), with undo and redo. Replaying the list from the start gives the picture,
 * so undo costs no stored bitmaps. Pure functions, no DOM.
 */

/** A point of a stroke in pad pixels, with the brush width there (pressure makes it vary). */
export interface StrokePoint {
  x: number;
  y: number;
  width: number;
}

export interface StrokeOp {
  kind: 'stroke';
  colour: string;
  /** Erases ink (the background photo shows through), instead of painting. */
  eraser: boolean;
  points: StrokePoint[];
}

export interface TextOp {
  kind: 'text';
  text: string;
  x: number;
  y: number;
  colour: string;
  /** Font size in pad pixels. */
  size: number;
}

/** The paint bucket: the ink region around (x, y) takes the colour (see floodFill.ts). */
export interface FillOp {
  kind: 'fill';
  x: number;
  y: number;
  colour: string;
}

/** Wipes the ink; the background stays. */
export interface ClearOp {
  kind: 'clear';
}

/** The picture under the ink (`image` null: plain white). `T` is the image type (ImageBitmap in the page). */
export interface BackgroundOp<T = unknown> {
  kind: 'background';
  image: T | null;
  name: string | null;
}

export type PadOp<T = unknown> = StrokeOp | TextOp | FillOp | ClearOp | BackgroundOp<T>;

/** What paints the ink layer. */
export type InkOp = StrokeOp | TextOp | FillOp;

export interface PadHistory<T = unknown> {
  ops: readonly PadOp<T>[];
  /** Undone operations, the most recently undone last. */
  undone: readonly PadOp<T>[];
}

export const EMPTY_HISTORY: PadHistory<never> = { ops: [], undone: [] };

/** Operations past this many are folded away (the oldest are dropped only once a clear makes them invisible). */
export const MAX_OPS = 500;

export function push<T>(history: PadHistory<T>, op: PadOp<T>): PadHistory<T> {
  let ops = [...history.ops, op];
  if (ops.length > MAX_OPS) {
    // Everything before the last clear is hidden; the last background before it still shows.
    const lastClear = ops.findLastIndex((o) => o.kind === 'clear');
    if (lastClear > 0) {
      const background = ops.slice(0, lastClear).findLast((o) => o.kind === 'background');
      ops = [...(background ? [background] : []), ...ops.slice(lastClear)];
    }
  }
  return { ops, undone: [] };
}

export function undo<T>(history: PadHistory<T>): PadHistory<T> {
  const last = history.ops[history.ops.length - 1];
  if (!last) return history;
  return { ops: history.ops.slice(0, -1), undone: [...history.undone, last] };
}

export function redo<T>(history: PadHistory<T>): PadHistory<T> {
  const next = history.undone[history.undone.length - 1];
  if (!next) return history;
  return { ops: [...history.ops, next], undone: history.undone.slice(0, -1) };
}

/** The background in effect: the last background operation's. */
export function currentBackground<T>(ops: readonly PadOp<T>[]): BackgroundOp<T> | null {
  return ops.findLast((o): o is BackgroundOp<T> => o.kind === 'background') ?? null;
}

/** The ink operations still visible: those after the last clear (backgrounds excluded). */
export function visibleInk<T>(ops: readonly PadOp<T>[]): InkOp[] {
  const lastClear = ops.findLastIndex((o) => o.kind === 'clear');
  return ops.slice(lastClear + 1).filter((o): o is InkOp => o.kind === 'stroke' || o.kind === 'text' || o.kind === 'fill');
}

/** Whether the pad shows nothing but white: no background photo and no visible ink. */
export function isBlank<T>(ops: readonly PadOp<T>[]): boolean {
  return !currentBackground(ops)?.image && visibleInk(ops).every((op) => op.kind === 'stroke' && op.eraser);
}

/** Whether any visible word was written with the text tool (for the typographic attack). */
export function hasText<T>(ops: readonly PadOp<T>[]): boolean {
  return visibleInk(ops).some((op) => op.kind === 'text');
}
