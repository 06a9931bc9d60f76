/** The retry plan: Retry-After in both forms, backoff with jitter, and the bounds. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, planRetry, retryReasonForStatus, type RetryPolicy } from './retryPolicy';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('8', NOW)).toBe(8000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP date in its three forms, as GMT', () => {
    expect(parseRetryAfter('Tue, 01 Dec 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Tuesday, 01-Dec-26 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Tue Dec  1 12:00:05 2026', NOW)).toBe(5_000); // asctime: no zone, still GMT
  });

  it('takes a date in the past as now', () => {
    expect(parseRetryAfter('Tue, 01 Dec 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores an absent or unreadable value', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
    expect(parseRetryAfter('1.5', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });
});

describe('retryReasonForStatus', () => {
  it('retries a busy or failing server, not a missing file or a refusal', () => {
    expect([429, 503].map(retryReasonForStatus)).toEqual(['busy', 'busy']);
    expect([408, 500, 502, 504].map(retryReasonForStatus)).toEqual(['server-error', 'server-error', 'server-error', 'server-error']);
    expect([400, 401, 403, 404, 410, 416, 501].map(retryReasonForStatus)).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('backoff plan', () => {
  const policy: RetryPolicy = { maxAttempts: 10, maxAttemptsUnreached: 10, maxTotalWaitMs: 1e9, baseDelayMs: 1000, maxDelayMs: 30_000 };

  it('doubles from the base up to the cap, with half of each step random', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelay(retry, policy, 1))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect([1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelay(retry, policy, 0))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect(backoffDelay(3, policy, 0.5)).toBe(3000);
  });

  it('stops after the last attempt', () => {
    const connection = { reason: 'connection-lost' as const, retryAfterMs: null };
    expect(planRetry(connection, 1, 0, DEFAULT_RETRY_POLICY, 0.5)).toEqual({ delayMs: 750 });
    expect(planRetry(connection, DEFAULT_RETRY_POLICY.maxAttempts - 1, 0, DEFAULT_RETRY_POLICY, 0.5)).not.toBeNull();
    expect(planRetry(connection, DEFAULT_RETRY_POLICY.maxAttempts, 0, DEFAULT_RETRY_POLICY, 0.5)).toBeNull();
  });

  it('honours Retry-After as the minimum, with at most a second of jitter on top', () => {
    const busy = (ms: number) => ({ reason: 'busy' as const, retryAfterMs: ms });
    expect(planRetry(busy(8000), 1, 0, policy, 0)).toEqual({ delayMs: 8000 });
    expect(planRetry(busy(8000), 1, 0, policy, 1)).toEqual({ delayMs: 9000 });
    expect(planRetry(busy(2000), 1, 0, policy, 1)).toEqual({ delayMs: 2400 });
  });

  it('does not wait past the total budget, nor out a Retry-After longer than what is left', () => {
    const tight: RetryPolicy = { ...policy, maxTotalWaitMs: 10_000 };
    expect(planRetry({ reason: 'busy', retryAfterMs: 9000 }, 1, 0, tight, 0)).toEqual({ delayMs: 9000 });
    expect(planRetry({ reason: 'busy', retryAfterMs: 9000 }, 2, 2000, tight, 0)).toBeNull();
    expect(planRetry({ reason: 'busy', retryAfterMs: 3600_000 }, 1, 0, DEFAULT_RETRY_POLICY, 0)).toBeNull();
    expect(planRetry({ reason: 'server-error', retryAfterMs: null }, 3, 9000, tight, 0)).toBeNull();
  });

  it('adds up to less than the budget over a whole run of failures', () => {
    let waited = 0;
    let attempts = 1;
    for (;;) {
      const plan = planRetry({ reason: 'connection-lost', retryAfterMs: null }, attempts, waited, DEFAULT_RETRY_POLICY, 1);
      if (!plan) break;
      waited += plan.delayMs;
      attempts++;
    }
    expect(attempts).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(waited).toBe(1000 + 2000 + 4000 + 8000 + 16000);
  });
});
