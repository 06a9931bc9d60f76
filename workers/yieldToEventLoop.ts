/**
 * Lets the worker's event loop run queued tasks (a cancel message, IndexedDB commits) between two
 * inferences. Awaiting a settled onnxruntime run only yields to microtasks, so a long loop of runs
 * would otherwise hold every task back until it ends. A MessageChannel message is a task with no
 * timer clamping (nested setTimeout(0) waits at least 4 ms).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
