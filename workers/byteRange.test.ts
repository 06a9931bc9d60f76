/** Range bookkeeping: what a resume asks for, and whether the answer continues the bytes held. */
import { describe, expect, it } from 'vitest';
import { canResume, ifRangeValue, parseContentRange, resumeHeaders, resumeOutcome, validatorOf, type Validator } from './byteRange';

const strong: Validator = { etag: '"abc"', lastModified: 'Tue, 01 Dec 2026 12:00:00 GMT' };
const weakOnly: Validator = { etag: 'W/"abc"', lastModified: null };
const none: Validator = { etag: null, lastModified: null };

describe('validators', () => {
  it('reads ETag and Last-Modified from headers', () => {
    expect(validatorOf(new Headers({ ETag: '"x"', 'Last-Modified': 'Mon, 01 Jan 2024 00:00:00 GMT' }))).toEqual({ etag: '"x"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(validatorOf(new Headers())).toEqual(none);
  });

  it('uses a strong ETag for If-Range, else Last-Modified, never a weak ETag', () => {
    expect(ifRangeValue(strong)).toBe('"abc"');
    expect(ifRangeValue({ etag: 'W/"abc"', lastModified: 'date' })).toBe('date');
    expect(ifRangeValue(weakOnly)).toBeNull();
  });

  it('resumes only with bytes held and a way to know the file did not change (a validator or a pin)', () => {
    expect(canResume(0, strong, false)).toBe(false);
    expect(canResume(100, strong, false)).toBe(true);
    expect(canResume(100, weakOnly, false)).toBe(false);
    expect(canResume(100, none, false)).toBe(false);
    expect(canResume(100, null, true)).toBe(true);
  });

  it('asks for the rest from the offset, with If-Range only where allowed', () => {
    expect(resumeHeaders(72, strong, true)).toEqual({ Range: 'bytes=72-', 'If-Range': '"abc"' });
    expect(resumeHeaders(72, strong, false)).toEqual({ Range: 'bytes=72-' });
    expect(resumeHeaders(72, none, true)).toEqual({ Range: 'bytes=72-' });
  });
});

describe('parseContentRange', () => {
  it('reads a range with or without the total', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, end: 199, total: 1000 });
    expect(parseContentRange('bytes 100-199/*')).toEqual({ start: 100, end: 199, total: null });
  });

  it('rejects malformed or impossible ranges', () => {
    for (const value of [null, '', 'bytes */1000', 'bytes 200-100/1000', 'bytes 0-1000/1000', 'items 0-1/2', 'bytes=0-1/2']) {
      expect(parseContentRange(value)).toBeNull();
    }
  });
});

describe('resumeOutcome', () => {
  it('appends a 206 that continues at the offset, of the same version', () => {
    expect(resumeOutcome(206, 'bytes 100-999/1000', 100, strong, strong, 1000)).toBe('append');
    expect(resumeOutcome(206, 'bytes 100-999/1000', 100, null, none, null)).toBe('append');
  });

  it('starts over on a 200 (range ignored, or If-Range found the file changed)', () => {
    expect(resumeOutcome(200, null, 100, strong, { etag: '"new"', lastModified: null }, 1000)).toBe('start-over');
  });

  it('asks again without Range for a range elsewhere, another version, another size, or 416', () => {
    expect(resumeOutcome(206, 'bytes 0-999/1000', 100, strong, strong, 1000)).toBe('refetch');
    expect(resumeOutcome(206, 'bytes 100-999/1000', 100, strong, { etag: '"new"', lastModified: null }, 1000)).toBe('refetch');
    expect(resumeOutcome(206, 'bytes 100-1999/2000', 100, strong, strong, 1000)).toBe('refetch');
    expect(resumeOutcome(206, null, 100, strong, strong, 1000)).toBe('refetch');
    expect(resumeOutcome(416, 'bytes */1000', 1000, strong, strong, 1000)).toBe('refetch');
  });
});
