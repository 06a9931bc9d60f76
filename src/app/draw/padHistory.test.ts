import { describe, expect, it } from 'vitest';
import { currentBackground, EMPTY_HISTORY, hasText, isBlank, MAX_OPS, push, redo, undo, visibleInk, type PadHistory, type PadOp, type StrokeOp } from './padHistory';

const stroke = (colour = 'red', eraser = false): StrokeOp => ({ kind: 'stroke', colour, eraser, points: [{ x: 1, y: 2, width: 3 }] });
const text: PadOp<string> = { kind: 'text', text: 'iPod', x: 10, y: 10, colour: 'black', size: 40 };
const photo: PadOp<string> = { kind: 'background', image: 'apple.png', name: 'apple.png' };

function apply(...ops: PadOp<string>[]): PadHistory<string> {
  return ops.reduce<PadHistory<string>>((h, op) => push(h, op), EMPTY_HISTORY);
}

describe('pad history', () => {
  it('undoes and redoes operations in order; a new operation drops the redo list', () => {
    let h = apply(stroke('red'), stroke('blue'));
    h = undo(h);
    expect(h.ops).toEqual([stroke('red')]);
    h = undo(h);
    expect(h.ops).toEqual([]);
    expect(undo(h)).toBe(h); // nothing left to undo
    h = redo(h);
    expect(h.ops).toEqual([stroke('red')]);
    h = push(h, stroke('green'));
    expect(h.undone).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(h.ops).toEqual([stroke('red'), stroke('green')]);
  });

  it('a clear hides the ink before it but keeps the background, and is undoable', () => {
    const h = apply(photo, stroke('red'), text, { kind: 'clear' }, stroke('blue'));
    expect(visibleInk(h.ops)).toEqual([stroke('blue')]);
    expect(currentBackground(h.ops)).toEqual(photo);
    const back = undo(undo(h));
    expect(visibleInk(back.ops)).toEqual([stroke('red'), text]);
  });

  it('knows a blank pad, and one with words on it', () => {
    expect(isBlank([])).toBe(true);
    expect(isBlank(apply(stroke('red', true)).ops)).toBe(true); // only erasing
    expect(isBlank(apply(stroke()).ops)).toBe(false);
    expect(isBlank(apply(photo).ops)).toBe(false);
    expect(isBlank(apply(photo, { kind: 'background', image: null, name: null }).ops)).toBe(true);
    expect(isBlank(apply(stroke(), { kind: 'clear' }).ops)).toBe(true);
    expect(hasText(apply(text).ops)).toBe(true);
    expect(hasText(apply(text, { kind: 'clear' }).ops)).toBe(false);
  });

  it('folds away what a clear hid once the list grows long, keeping the picture', () => {
    let h: PadHistory<string> = apply(photo);
    for (let i = 0; i < MAX_OPS - 5; i++) h = push(h, stroke());
    h = push(h, { kind: 'clear' });
    for (let i = 0; i < 10; i++) h = push(h, stroke('blue'));
    expect(h.ops.length).toBeLessThanOrEqual(12);
    expect(currentBackground(h.ops)).toEqual(photo);
    expect(visibleInk(h.ops)).toHaveLength(10);
  });
});
