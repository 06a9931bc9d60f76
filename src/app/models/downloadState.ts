/**
 * What a download is doing, in words, when it is not simply receiving bytes: waiting for a busy
 * hub, waiting after a server error, resuming after the connection dropped. Pure, for the
 * progress list and its summary.
 */
import type { FileProgress } from '../../../workers/api';
import { formatBytes } from '../components/format';

/** `now` is `Date.now()`; `server` names who is busy ("the hub", "the server"). */
export function downloadStateText(progress: FileProgress, now: number, server: string): string | null {
  const { retry } = progress;
  if (retry) {
    const seconds = Math.ceil((retry.until - now) / 1000);
    const when = seconds > 0 ? `in ${seconds} s` : 'now';
    const attempt = ` (try ${retry.attempt} of ${retry.maxAttempts})`;
    if (retry.reason === 'busy') return (seconds > 0 ? `waiting ${seconds} s, ${server} is busy` : `${server} was busy, trying again`) + attempt;
    if (retry.reason === 'server-error') return `${server} failed${retry.status ? ` (HTTP ${retry.status})` : ''}, trying again ${when}${attempt}`;
    const resume = retry.resumeAt > 0 ? `resuming at ${formatBytes(retry.resumeAt)}` : 'starting again';
    return `connection lost, ${resume} ${when}${attempt}`;
  }
  if (progress.resumedFrom !== undefined && !progress.done) return `resumed at ${formatBytes(progress.resumedFrom)}`;
  return null;
}

/** The state to show in the summary line: the first file that waits, else one that resumed. */
export function summaryState(files: FileProgress[], now: number, server: string): string | null {
  const waiting = files.find((f) => f.retry) ?? files.find((f) => f.resumedFrom !== undefined && !f.done);
  return waiting ? downloadStateText(waiting, now, server) : null;
}
