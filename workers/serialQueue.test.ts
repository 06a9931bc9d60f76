import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serialQueue';

describe('SerialQueue', () => {
  it('runs tasks one at a time, in order, and keeps going after a failure', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        log.push(`start ${name}`);
        setTimeout(() => {
          log.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
    const a = queue.run(task('a', 20));
    const b = queue.run(task('b', 1, true));
    const c = queue.run(task('c', 1));
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('reports whether work is pending and counts every task queued', async () => {
    const queue = new SerialQueue();
    expect(queue.busy).toBe(false);
    const before = queue.lastActivity;
    const done = queue.run(() => new Promise((resolve) => setTimeout(resolve, 5)));
    expect(queue.busy).toBe(true);
    expect(queue.lastActivity).toBe(before + 1);
    await done;
    expect(queue.busy).toBe(false);
    await queue.run(() => Promise.reject(new Error('x'))).catch(() => undefined);
    expect(queue.busy).toBe(false);
    expect(queue.lastActivity).toBe(before + 2);
  });
});
