/**
 * Runs `work` for the newest request only, one at a time: requests that arrive while a run is in
 * flight replace each other, and the last one runs when the flight lands. So a picture that
 * changes 60 times a second is classified as fast as the worker answers, never with a queue of
 * stale frames, and never twice for the same request key.
 */
export interface LatestOnly<K> {
  request: (key: K) => void;
  /** No further runs; the signal given to `work` is aborted. */
  stop: () => void;
}

export function latestOnly<K>(work: (key: K, signal: AbortSignal) => Promise<void>): LatestOnly<K> {
  const controller = new AbortController();
  let wanted: { key: K } | null = null;
  let done: { key: K } | null = null;
  let running = false;

  const loop = async () => {
    running = true;
    try {
      while (!controller.signal.aborted && wanted !== null && wanted !== done) {
        const target = wanted;
        try {
          await work(target.key, controller.signal);
        } catch {
          // `work` reports its own failures; a throw must not stop later requests.
        }
        done = target;
      }
    } finally {
      running = false;
    }
  };

  return {
    request(key) {
      if (controller.signal.aborted) return;
      if (wanted !== null && Object.is(wanted.key, key)) return;
      wanted = { key };
      if (!running) void loop();
    },
    stop() {
      controller.abort();
    },
  };
}
