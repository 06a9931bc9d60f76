/// <reference lib="webworker" />
/**
 * The CLIP worker's pulse: a tiny worker started by the CLIP worker (workers/pulse.ts) that beats
 * on a port the page holds. It runs on its own thread, so it beats while the CLIP worker's thread
 * is held by a long inference; and as the CLIP worker's child it stops when that worker closes or
 * is killed. The page can so tell a busy worker from a gone one in seconds.
 */
import { PULSE_MS } from './liveness';

self.onmessage = (event: MessageEvent<MessagePort>) => {
  const port = event.data;
  setInterval(() => port.postMessage(null), PULSE_MS);
};
