/**
 * When a failed download is tried again, and after how long. Pure: the clock and the randomness are
 * passed in, so the plan can be tested exactly.
 *
 * Lecture Wi-Fi drops connections, and a room of students downloading at once gets a hub's rate
 * limit (HTTP 429): those are worth waiting for. Attempts and the total wait are bounded so a
 * download that cannot succeed still fails in reasonable time, with the last error.
 */

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /**
   * Attempts in all while the server was never reached (no answer at all: no network, a blocked
   * host). Fewer: a hub that cannot be reached should say so soon, so the app can offer its
   * bundled model; a connection that dropped mid-file has earned the patience above.
   */
  maxAttemptsUnreached: number;
  /** The most time spent waiting between attempts, added up. */
  maxTotalWaitMs: number;
  /** The first backoff; it doubles with each attempt, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  maxAttemptsUnreached: 3,
  maxTotalWaitMs: 120_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/** Why a download waits: the server asks for patience, the server failed, or the connection broke. */
export type RetryReason = 'busy' | 'server-error' | 'connection-lost';

/** A failed attempt, as far as retrying is concerned. */
export interface AttemptFailure {
  reason: RetryReason;
  /** What the server's Retry-After asked for, in milliseconds from now (null: it said nothing). */
  retryAfterMs: number | null;
}

/**
 * The Retry-After header as milliseconds from `now`: delay-seconds ("120") or an HTTP date
 * ("Wed, 21 Oct 2015 07:28:00 GMT"; a date in the past means now). Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null; // "-5", "1.5": neither form
  // HTTP dates are GMT; the obsolete asctime form ("Sun Nov  6 08:49:37 1994") says no zone at all.
  const date = Date.parse(/\b(GMT|UTC)\b|[+-]\d{4}\b/.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Which HTTP statuses are worth another attempt, and why (null: retrying cannot help). */
export function retryReasonForStatus(status: number): RetryReason | null {
  if (status === 429 || status === 503) return 'busy';
  if (status === 408 || status === 500 || status === 502 || status === 504) return 'server-error';
  return null;
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so a room of
 * clients that failed together does not come back together. `retry` counts from 1.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + (random * step) / 2);
}

/**
 * Whether to try again after `attemptsMade` attempts that took `waitedMs` of waiting so far, and
 * how long to wait first (null: give up and report the failure). A Retry-After is honoured as the
 * minimum, with up to a second of jitter on top; one longer than the wait left is not waited out.
 */
export function planRetry(
  failure: AttemptFailure,
  attemptsMade: number,
  waitedMs: number,
  policy: RetryPolicy,
  random: number,
): { delayMs: number } | null {
  if (attemptsMade >= policy.maxAttempts) return null;
  const delayMs =
    failure.retryAfterMs !== null
      ? Math.round(failure.retryAfterMs + random * Math.min(1_000, failure.retryAfterMs / 5))
      : backoffDelay(attemptsMade, policy, random);
  if (waitedMs + delayMs > policy.maxTotalWaitMs) return null;
  return { delayMs };
}
