/**
 * Resuming a download with HTTP Range: what to ask for, and whether the answer continues the bytes
 * already held. Pure, on header values.
 *
 * A resume must never splice two versions of a file. `If-Range` makes the server send the whole
 * (new) file instead of a range when the file changed; it needs a strong validator (an ETag that is
 * not weak, or Last-Modified). A pinned file needs none: its SHA-256 is checked at the end anyway.
 */

/** What identifies one version of a file on the server. */
export interface Validator {
  etag: string | null;
  lastModified: string | null;
}

export function validatorOf(headers: Headers): Validator {
  return { etag: headers.get('etag'), lastModified: headers.get('last-modified') };
}

/** The If-Range value for this version: a strong ETag, else Last-Modified; null when it has neither. */
export function ifRangeValue(validator: Validator): string | null {
  if (validator.etag && !validator.etag.startsWith('W/')) return validator.etag;
  return validator.lastModified;
}

/** Whether bytes held up to a dropped connection can be continued rather than fetched again. */
export function canResume(loaded: number, validator: Validator | null, pinned: boolean): boolean {
  return loaded > 0 && (pinned || (validator !== null && ifRangeValue(validator) !== null));
}

/**
 * Headers asking for the rest of a file from `offset`. `Range: bytes=N-` alone is CORS-safelisted;
 * If-Range is not, so it is only sent where it costs no preflight (same origin): elsewhere the
 * answer's validator is compared instead (`resumeOutcome`).
 */
export function resumeHeaders(offset: number, validator: Validator | null, sendIfRange: boolean): Record<string, string> {
  const headers: Record<string, string> = { Range: `bytes=${offset}-` };
  const ifRange = validator && sendIfRange ? ifRangeValue(validator) : null;
  if (ifRange) headers['If-Range'] = ifRange;
  return headers;
}

export interface ContentRange {
  start: number;
  end: number;
  /** The whole file's size, null for `*`. */
  total: number | null;
}

/** `Content-Range: bytes 100-199/1000` (or `/*`); null when absent or malformed. */
export function parseContentRange(value: string | null): ContentRange | null {
  const match = value?.trim().match(/^bytes (\d+)-(\d+)\/(\d+|\*)$/i);
  if (!match) return null;
  const [, start, end, total] = match as unknown as [string, string, string, string];
  const range = { start: Number(start), end: Number(end), total: total === '*' ? null : Number(total) };
  return range.end >= range.start && (range.total === null || range.end < range.total) ? range : null;
}

/**
 * What to do with the answer to a resume request:
 * - `append`: a 206 continuing exactly at `offset`, of the same file version;
 * - `start-over`: a 200, the whole file (the server ignored Range, or If-Range said it changed):
 *   drop the bytes held and read this one from its start;
 * - `refetch`: nothing usable (a range elsewhere, another version, 416): ask again without Range.
 */
export function resumeOutcome(
  status: number,
  contentRange: string | null,
  offset: number,
  held: Validator | null,
  answer: Validator,
  /** The whole file's size as first announced, if it was. */
  total: number | null = null,
): 'append' | 'start-over' | 'refetch' {
  if (status === 200) return 'start-over';
  if (status !== 206) return 'refetch';
  const range = parseContentRange(contentRange);
  if (!range || range.start !== offset) return 'refetch';
  if (total !== null && range.total !== null && range.total !== total) return 'refetch';
  return held && changed(held, answer) ? 'refetch' : 'append';
}

/** Whether the answer names another version than the bytes held (where both name one). */
function changed(held: Validator, answer: Validator): boolean {
  if (held.etag && answer.etag) return held.etag.replace(/^W\//, '') !== answer.etag.replace(/^W\//, '');
  if (held.lastModified && answer.lastModified) return held.lastModified !== answer.lastModified;
  return false;
}
