import { describe, expect, it } from 'vitest';
import { CallRegistry } from './callRegistry';

describe('CallRegistry', () => {
  it('aborts the call with the given id only, and forgets calls that ended', () => {
    const calls = new CallRegistry();
    const one = calls.begin(1);
    const two = calls.begin(2);
    calls.abort(2);
    expect([one.signal.aborted, two.signal.aborted]).toEqual([false, true]);
    two.end();
    one.end();
    expect(calls.size).toBe(0);
    calls.abort(1); // ended: ignored
    expect(one.signal.aborted).toBe(false);
  });

  it('ignores unknown ids and never registers calls without one', () => {
    const calls = new CallRegistry();
    expect(() => calls.abort(42)).not.toThrow();
    const anonymous = calls.begin(undefined);
    expect(calls.size).toBe(0);
    anonymous.end();
    expect(anonymous.signal.aborted).toBe(false);
  });
});
