import { describe, expect, it } from 'vitest';
import { drawingFileName } from './drawingFile';

describe('drawingFileName', () => {
  it('numbers drawings and names their label in plain characters', () => {
    expect(drawingFileName(3, 'red circle')).toBe('drawing-3-red-circle.png');
    expect(drawingFileName(1, null)).toBe('drawing-1.png');
    expect(drawingFileName(2, 'Crème brûlée / dessert!')).toBe('drawing-2-creme-brulee-dessert.png');
    expect(drawingFileName(4, '猫')).toBe('drawing-4.png');
  });
});
