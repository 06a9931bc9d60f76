/// <reference lib="webworker" />
/**
 * Starts the CLIP worker's pulse (pulse.worker.ts) and hands the page the port it beats on, in a
 * message on the worker's own port (see liveness.ts). Where nested workers are not available the
 * page goes without a pulse and judges from pings alone.
 */
import { PULSE_MESSAGE, type PulseMessage } from './liveness';

export function startPulse(): void {
  try {
    const channel = new MessageChannel();
    const pulse = new Worker(new URL('./pulse.worker.ts', import.meta.url), { type: 'module', name: 'clip-pulse' });
    pulse.postMessage(channel.port2, [channel.port2]);
    const message: PulseMessage = { type: PULSE_MESSAGE, port: channel.port1 };
    self.postMessage(message, [channel.port1]);
  } catch {
    // No nested workers here: the page's supervisor relies on pings.
  }
}
