import { describe, expect, it } from 'vitest';
import { defaultMirror, preferredFacing } from './facing';

describe('camera facing', () => {
  it('asks for the rear camera on touch-first devices and the user-facing one elsewhere', () => {
    expect(preferredFacing(true)).toBe('environment');
    expect(preferredFacing(false)).toBe('user');
  });

  it('mirrors a camera facing the user only', () => {
    for (const touchFirst of [true, false]) {
      expect(defaultMirror('user', touchFirst)).toBe(true);
      expect(defaultMirror('environment', touchFirst)).toBe(false);
      expect(defaultMirror('left', touchFirst)).toBe(false);
    }
  });

  it('guesses from the device when the camera does not say: mirrored on a laptop, not on a phone', () => {
    expect(defaultMirror(undefined, false)).toBe(true);
    expect(defaultMirror(undefined, true)).toBe(false);
    expect(defaultMirror('', true)).toBe(false);
  });
});
