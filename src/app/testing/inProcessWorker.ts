/**
 * A Worker for the client's tests in Node: the real worker API (workers/workerApi.ts) on the
 * other end of a MessageChannel, exposed with Comlink as clip.worker.ts does, so the client
 * talks to it exactly as to a browser's worker, with a pulse beating as pulse.worker.ts does. The
 * test can do to it what happens to workers: `closeFromInside()` (self.close(), or an out-of-memory
 * kill: no event, nothing answered any more, the pulse stops), `hang()` (its thread stuck: nothing
 * answered, but the pulse beats on), `crash()` (an error event).
 */
import * as Comlink from 'comlink';
import type { ClipWorkerApi } from '../../../workers/api';
import { PULSE_MESSAGE, PULSE_MS, reportLivenessTo, type LivenessMessage } from '../../../workers/liveness';

export class InProcessWorker extends EventTarget {
  private readonly page: MessagePort;
  private readonly inside: MessagePort;
  /** Messages pass only while the worker is open. */
  private open = true;
  private readonly pulse: ReturnType<typeof setInterval> | undefined;
  terminated = false;

  constructor(api: ClipWorkerApi, withPulse = true) {
    super();
    const channel = new MessageChannel();
    this.page = channel.port1;
    this.inside = channel.port2;
    const listeners = new Set<EventListenerOrEventListenerObject>();
    this.inside.addEventListener('message', (event) => {
      if (!this.open) return;
      for (const listener of listeners) (typeof listener === 'function' ? listener : listener.handleEvent.bind(listener))(event);
    });
    this.inside.start();
    Comlink.expose(api, {
      postMessage: (message: unknown, transfer?: Transferable[]) => {
        if (this.open) this.inside.postMessage(message, transfer ?? []);
      },
      addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => listeners.add(listener),
      removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => listeners.delete(listener),
    });
    this.page.addEventListener('message', (event) => this.dispatchEvent(new MessageEvent('message', { data: event.data as unknown })));
    this.page.start();
    // The worker's liveness reports (one module in this process): the newest worker's port carries them.
    reportLivenessTo((message: LivenessMessage) => this.say(message));
    if (withPulse) {
      const pulse = new MessageChannel();
      this.pulse = setInterval(() => pulse.port2.postMessage(null), PULSE_MS);
      this.inside.postMessage({ type: PULSE_MESSAGE, port: pulse.port1 }, [pulse.port1]);
    }
  }

  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (!this.terminated) this.page.postMessage(message, transfer ?? []);
  }

  terminate(): void {
    this.terminated = true;
    this.open = false;
    clearInterval(this.pulse);
    this.page.close();
    this.inside.close();
  }

  /** self.close() inside the worker: no event; nothing is answered any more. */
  closeFromInside(): void {
    this.open = false;
    clearInterval(this.pulse);
  }

  /** The worker's thread is stuck: same as closed, seen from outside. */
  hang(): void {
    this.open = false;
  }

  /** An error event, as a worker whose script failed fires. */
  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }

  /** A message on the worker's own port (as `self.postMessage` sends). */
  say(message: unknown): void {
    if (this.open) this.inside.postMessage(message);
  }
}
