/**
 * The live loop: grab the current video frame, send it to the worker (transferred, not copied),
 * wait for its embedding, then grab the next. One frame in flight at a time, so no stale frames
 * pile up and the labels lag by one inference at most.
 */
import { useEffect, useState, type RefObject } from 'react';
import * as Comlink from 'comlink';
import type { LabelEmbeddings } from '../state/labelStore';
import { rankLabels, type LabelScore } from '../state/scores';
import { clipWorker } from '../worker/clipWorker';
import { LiveStats } from './liveStats';

export interface LiveLabels {
  scores: LabelScore[] | null;
  fps: number;
  latencyMs: number;
  error: string | null;
}

export function useLiveLabels(video: RefObject<HTMLVideoElement | null>, active: boolean, labels: LabelEmbeddings | null): LiveLabels {
  const [embedding, setEmbedding] = useState<Float32Array | null>(null);
  const [stats, setStats] = useState({ fps: 0, latencyMs: 0 });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const meter = new LiveStats();
    const loop = async () => {
      while (!stopped) {
        const element = video.current;
        if (!element || element.readyState < 2 || element.videoWidth === 0) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        const started = performance.now();
        try {
          const frame = await createImageBitmap(element);
          const result = await clipWorker().encodeFrame(Comlink.transfer(frame, [frame]));
          if (stopped) break;
          const end = performance.now();
          meter.add(end, end - started);
          setEmbedding(result.embedding);
          setStats({ fps: meter.fps, latencyMs: meter.latency });
          setError(null);
        } catch (e) {
          setError(e instanceof Error ? e.message : String(e));
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        // Let the page paint between frames when inference is faster than a frame; a slower frame
        // already left the main thread idle long enough to paint, and waiting would add latency.
        if (performance.now() - started < 16) await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    };
    void loop();
    return () => {
      stopped = true;
    };
  }, [active, video]);

  const scores = embedding && labels ? rankLabels(embedding, labels, 3) : null;
  return { scores, fps: stats.fps, latencyMs: stats.latencyMs, error };
}
