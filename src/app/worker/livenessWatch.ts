/**
 * Whether the CLIP worker is alive, judged from what the page hears of it. A worker that closed
 * (an out-of-memory kill does that) fires no event, and one that is stuck answers nothing, so the
 * page listens and watches the clock:
 *
 * - the worker's pulse (workers/pulse.worker.ts: a child thread that stops with it) must beat
 *   within `quietMs`: a worker that closed or was killed is gone in seconds, busy or not;
 * - its own thread may be held for long while it says it is busy (workers/liveness.ts: a session
 *   being made, inference, a call's work): then its work must move on (a piece of work ending, a
 *   progress callback, a result) within `busyMs`;
 * - otherwise it answers a ping in milliseconds: silence past `stuckMs` means it is stuck. Before
 *   a pulse is heard (or where there is none), silence past `quietMs` means it is gone.
 *
 * Time the page itself did not run (a long task on the main thread, a throttled background tab)
 * is no evidence either way: the clocks skip it.
 */
export interface LivenessLimits {
  /** How often `check` runs (and the worker is pinged). */
  tickMs: number;
  /** Longest gap between pulses (or, with no pulse, longest silence of a worker that is not busy). */
  quietMs: number;
  /** Longest silence of a worker that is not busy, while its pulse says it is there. */
  stuckMs: number;
  /** Longest time without progress while the worker is busy. */
  busyMs: number;
}

/** `gone`: closed or killed (no pulse); `stuck`: there, but its thread does not come back. */
export type Unresponsive = 'gone' | 'stuck';

export class LivenessWatch {
  private lastHeard: number;
  private lastProgress: number;
  private lastPulse: number | null = null;
  private lastTick: number;
  private busy = 0;

  constructor(
    private readonly limits: LivenessLimits,
    now: number,
  ) {
    this.lastHeard = now;
    this.lastProgress = now;
    this.lastTick = now;
  }

  /** A beat of the worker's pulse. */
  pulse(now: number): void {
    this.lastPulse = Math.max(this.lastPulse ?? now, now);
  }

  /** Any message from the worker's own thread (a pong, a result). */
  heard(now: number): void {
    this.lastHeard = Math.max(this.lastHeard, now);
  }

  /** The worker's work moved on: a result, a progress callback, an event. */
  progressed(now: number): void {
    this.heard(now);
    this.lastProgress = Math.max(this.lastProgress, now);
  }

  /** The worker's own report: how many pieces of thread-holding work are open. */
  report(busy: number, now: number): void {
    // Entering busy work, and each piece ending, is progress.
    this.busy = busy;
    this.progressed(now);
  }

  /** Run every `tickMs`: null while the worker seems alive, else how it failed. */
  check(now: number): Unresponsive | null {
    const late = now - this.lastTick - this.limits.tickMs;
    this.lastTick = now;
    if (late > 2 * this.limits.tickMs) {
      this.lastHeard += late;
      this.lastProgress += late;
      if (this.lastPulse !== null) this.lastPulse += late;
    }
    if (this.lastPulse !== null) {
      if (now - this.lastPulse > this.limits.quietMs) return 'gone';
    } else if (this.busy === 0 && now - this.lastHeard > this.limits.quietMs) {
      return 'gone';
    }
    if (this.busy > 0) return now - this.lastProgress > this.limits.busyMs ? 'stuck' : null;
    return now - this.lastHeard > this.limits.stuckMs ? 'stuck' : null;
  }
}
