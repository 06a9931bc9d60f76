/** Runs tasks one after another: an onnxruntime session must not run two inferences at once. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private queued = 0;

  get busy(): boolean {
    return this.pending > 0;
  }

  /** Tasks queued so far: a changed count means the queue was used in between. */
  get lastActivity(): number {
    return this.queued;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    this.queued++;
    const result = this.tail.then(task, task).finally(() => this.pending--);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
