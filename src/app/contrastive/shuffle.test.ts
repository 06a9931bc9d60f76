import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derangement, identityOrder, isIdentity } from './shuffle';

describe('derangement', () => {
  it('moves every caption away from its image, as a permutation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })), (n, stream) => {
        const values = stream[Symbol.iterator]();
        const order = derangement(n, () => values.next().value as number);
        expect([...order].sort((a, b) => a - b)).toEqual(identityOrder(n));
        order.forEach((value, index) => expect(value).not.toBe(index));
      }),
    );
  });

  it('leaves batches of 0 or 1 as they are (there is nothing to swap with)', () => {
    expect(derangement(0)).toEqual([]);
    expect(derangement(1)).toEqual([0]);
    expect(isIdentity([0, 1, 2])).toBe(true);
    expect(isIdentity([1, 0, 2])).toBe(false);
  });
});
