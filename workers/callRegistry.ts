/**
 * The worker's calls in progress, by the page's call id, so `abort(callId)` can stop one. A call
 * without an id cannot be aborted; an id that is not (or no longer) running is ignored.
 */
export interface RunningCall {
  signal: AbortSignal;
  /** Forget the call (it finished, failed or was aborted). */
  end(): void;
}

export class CallRegistry {
  private readonly controllers = new Map<number, AbortController>();

  begin(callId: number | undefined): RunningCall {
    const controller = new AbortController();
    if (callId === undefined) return { signal: controller.signal, end: () => undefined };
    this.controllers.set(callId, controller);
    return {
      signal: controller.signal,
      end: () => {
        if (this.controllers.get(callId) === controller) this.controllers.delete(callId);
      },
    };
  }

  abort(callId: number): void {
    this.controllers.get(callId)?.abort();
  }

  /** Calls that can still be aborted. */
  get size(): number {
    return this.controllers.size;
  }
}
