/**
 * The drawing pad's state: the tool and its settings, and the picture as an undoable list of
 * operations. Kept in a store (not the component) so a drawing survives a visit to another view.
 * `revision` counts every change of the picture, including each segment of a stroke in progress:
 * the live classifier runs when it moves, and only then.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { EMPTY_HISTORY, push, redo, undo, type PadHistory, type PadOp } from './padHistory';

export type PadTool = 'brush' | 'fill' | 'eraser' | 'text';

/** Brush and text sizes in pad pixels (the pad is PAD_SIZE square). */
export const SIZES = [
  { id: 's', name: 'Small', brush: 6, text: 32 },
  { id: 'm', name: 'Medium', brush: 16, text: 56 },
  { id: 'l', name: 'Large', brush: 32, text: 88 },
  { id: 'xl', name: 'Extra large', brush: 56, text: 128 },
] as const;

export type PadSize = (typeof SIZES)[number]['id'];

/** The pad's side in pixels: square, so the model's centre crop sees all of it. */
export const PAD_SIZE = 448;

/** The six colours the bundled shapes model knows (as its tests draw them), then black and white. */
export const PALETTE = [
  { name: 'red', value: '#e01b1b' },
  { name: 'orange', value: '#ff8c00' },
  { name: 'yellow', value: '#f2d20c' },
  { name: 'green', value: '#1fa31f' },
  { name: 'blue', value: '#1f3fe0' },
  { name: 'purple', value: '#8a2be2' },
  { name: 'black', value: '#111111' },
  { name: 'white', value: '#ffffff' },
] as const;

export interface PadState {
  tool: PadTool;
  colour: string;
  size: PadSize;
  /** The word the text tool writes. */
  text: string;
  history: PadHistory<ImageBitmap>;
  revision: number;
  /** A stroke is in progress (its pixels are on the pad, its operation not yet in the history). */
  stroking: boolean;
  setTool: (tool: PadTool) => void;
  setColour: (colour: string) => void;
  setSize: (size: PadSize) => void;
  setText: (text: string) => void;
  /** A stroke in progress changed the picture (not yet an operation). */
  touched: () => void;
  add: (op: PadOp<ImageBitmap>) => void;
  undo: () => void;
  redo: () => void;
}

export function sizeOf(id: PadSize): (typeof SIZES)[number] {
  return SIZES.find((s) => s.id === id) ?? SIZES[1];
}

export function createPadStore(): StoreApi<PadState> {
  return createStore<PadState>((set) => ({
    tool: 'brush',
    colour: PALETTE[0].value,
    size: 'l',
    text: '',
    history: EMPTY_HISTORY,
    revision: 0,
    stroking: false,
    setTool: (tool) => set({ tool }),
    setColour: (colour) => set((s) => ({ colour, tool: s.tool === 'eraser' ? 'brush' : s.tool })),
    setSize: (size) => set({ size }),
    setText: (text) => set({ text }),
    touched: () => set((s) => ({ revision: s.revision + 1, stroking: true })),
    add: (op) => set((s) => ({ history: push(s.history, op), revision: s.revision + 1, stroking: false })),
    undo: () => set((s) => (s.history.ops.length === 0 ? {} : { history: undo(s.history), revision: s.revision + 1 })),
    redo: () => set((s) => (s.history.undone.length === 0 ? {} : { history: redo(s.history), revision: s.revision + 1 })),
  }));
}
