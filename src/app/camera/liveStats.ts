/** Frames per second and latency over a sliding window of recent frames. */
export class LiveStats {
  private readonly ends: number[] = [];
  private readonly latencies: number[] = [];

  constructor(private readonly window = 10) {}

  /** Record a frame that finished at `end` (ms) after `latency` ms of work. */
  add(end: number, latency: number): void {
    this.ends.push(end);
    this.latencies.push(latency);
    if (this.ends.length > this.window) this.ends.shift();
    if (this.latencies.length > this.window) this.latencies.shift();
  }

  get fps(): number {
    const [first] = this.ends;
    const last = this.ends.at(-1);
    if (this.ends.length < 2 || first === undefined || last === undefined) return 0;
    const span = last - first;
    return span > 0 ? ((this.ends.length - 1) * 1000) / span : 0;
  }

  get latency(): number {
    if (this.latencies.length === 0) return 0;
    return this.latencies.reduce((a, b) => a + b, 0) / this.latencies.length;
  }

  reset(): void {
    this.ends.length = 0;
    this.latencies.length = 0;
  }
}
