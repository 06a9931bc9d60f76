/**
 * What the worker tells the page's supervisor (src/app/worker/liveness.ts) about its own thread.
 *
 * From outside, a worker that is stuck, or that closed without a word (as an out-of-memory kill
 * does), looks like one that is busy: none of them answers a ping. A busy one is normal: making a
 * session or running an inference holds the worker's thread for seconds on a slow phone. So the
 * worker says when it starts such work and when each piece of it ends. While it is busy the
 * supervisor waits for the work to move on instead of for pings; while it is not, a ping must be
 * answered within seconds.
 *
 * A worker that closed or was killed is told apart from a busy one by its pulse (pulse.worker.ts):
 * a child worker, on its own thread, that beats on a port the page holds, and stops with it.
 *
 * Messages go out on the worker's own port beside Comlink's (which ignores messages without its
 * call id), so they cost no round trip and need no page callback.
 */

export const LIVENESS_MESSAGE = 'clip-liveness';
export const PULSE_MESSAGE = 'clip-pulse';

/** How often the pulse beats. */
export const PULSE_MS = 500;

/** The port the worker's pulse beats on, sent to the page once at start. */
export interface PulseMessage {
  type: typeof PULSE_MESSAGE;
  port: MessagePort;
}

export function isPulseMessage(data: unknown): data is PulseMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === PULSE_MESSAGE;
}

export interface LivenessMessage {
  type: typeof LIVENESS_MESSAGE;
  /** Pieces of thread-holding work open now (0: the worker answers pings promptly). */
  busy: number;
}

export function isLivenessMessage(data: unknown): data is LivenessMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === LIVENESS_MESSAGE;
}

let open = 0;
let report: (message: LivenessMessage) => void = () => undefined;

/** Where the worker's liveness messages go (clip.worker.ts: the worker's port). Tests may listen. */
export function reportLivenessTo(sink: (message: LivenessMessage) => void): void {
  report = sink;
}

/**
 * Runs work that may hold the worker's thread (a session being made, inference, a big image):
 * the page hears when it starts and when it ends, and an end counts as progress.
 */
export async function holdingThread<T>(work: () => Promise<T>): Promise<T> {
  open++;
  report({ type: LIVENESS_MESSAGE, busy: open });
  try {
    return await work();
  } finally {
    open--;
    report({ type: LIVENESS_MESSAGE, busy: open });
  }
}
