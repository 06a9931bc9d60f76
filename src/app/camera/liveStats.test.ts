import { describe, expect, it } from 'vitest';
import { LiveStats } from './liveStats';
import { cameraErrorMessage } from './cameraErrors';

describe('LiveStats', () => {
  it('reports frames per second and mean latency over its window', () => {
    const stats = new LiveStats(3);
    expect(stats.fps).toBe(0);
    stats.add(0, 90);
    stats.add(100, 100);
    stats.add(200, 110);
    expect(stats.fps).toBeCloseTo(10);
    expect(stats.latency).toBeCloseTo(100);
    stats.add(250, 50); // the window drops the first frame
    expect(stats.fps).toBeCloseTo(2 * 1000 / 150);
    expect(stats.latency).toBeCloseTo(260 / 3);
  });
});

describe('cameraErrorMessage', () => {
  it('explains a denied permission and a missing camera', () => {
    expect(cameraErrorMessage(new DOMException('x', 'NotAllowedError'))).toContain('denied');
    expect(cameraErrorMessage(new DOMException('x', 'NotFoundError'))).toContain('No camera');
  });
});
