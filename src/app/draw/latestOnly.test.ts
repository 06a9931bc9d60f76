import { describe, expect, it } from 'vitest';
import { latestOnly } from './latestOnly';

/** A work function whose runs the test finishes by hand. */
function controllable() {
  const runs: { key: number; finish: () => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const work = (key: number) =>
    new Promise<void>((resolve) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      runs.push({
        key,
        finish: () => {
          inFlight--;
          resolve();
        },
      });
    });
  return { runs, work, maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('latestOnly', () => {
  it('runs one request at a time and skips the ones overtaken while it ran', async () => {
    const c = controllable();
    const runner = latestOnly(c.work);
    runner.request(1);
    runner.request(2);
    runner.request(3);
    await tick();
    expect(c.runs.map((r) => r.key)).toEqual([1]);
    c.runs[0]!.finish();
    await tick();
    expect(c.runs.map((r) => r.key)).toEqual([1, 3]);
    c.runs[1]!.finish();
    await tick();
    expect(c.runs).toHaveLength(2);
    expect(c.maxInFlight()).toBe(1);
  });

  it('does not run the same request twice, and goes on after a failure', async () => {
    const keys: number[] = [];
    const runner = latestOnly(async (key: number) => {
      keys.push(key);
      await Promise.resolve();
      if (key === 1) throw new Error('worker busy');
    });
    runner.request(1);
    await tick();
    runner.request(1);
    await tick();
    runner.request(2);
    await tick();
    expect(keys).toEqual([1, 2]);
  });

  it('stops: the run in flight sees its signal aborted and nothing else runs', async () => {
    const c = controllable();
    let signal: AbortSignal | null = null;
    const runner = latestOnly((key: number, s) => {
      signal = s;
      return c.work(key);
    });
    runner.request(1);
    runner.request(2);
    runner.stop();
    expect(signal!.aborted).toBe(true);
    c.runs[0]!.finish();
    await tick();
    runner.request(3);
    await tick();
    expect(c.runs.map((r) => r.key)).toEqual([1]);
  });
});
