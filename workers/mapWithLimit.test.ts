import { describe, expect, it } from 'vitest';
import { mapWithLimit } from './mapWithLimit';

describe('mapWithLimit', () => {
  it('never runs more than the limit at once, and keeps the order of the results', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithLimit([5, 1, 4, 2, 3, 0, 2, 1], 2, async (delay, index) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running--;
      return index * 10;
    });
    expect(peak).toBe(2);
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });
  it('handles no items and a limit larger than the list', async () => {
    expect(await mapWithLimit([], 2, () => Promise.resolve(1))).toEqual([]);
    expect(await mapWithLimit([1], 8, (x) => Promise.resolve(x + 1))).toEqual([2]);
  });
});
