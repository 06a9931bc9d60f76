/**
 * The live loop: grab the current video frame, send it to the worker (transferred, not copied),
 * wait for its embedding, then grab the next. One frame in flight at a time, so no stale frames
 * pile up and the labels lag by one inference at most.
 */
import { useEffect, useState, type RefObject } from 'react';
import { isCancelled } from '../../../workers/errors';
import { comparable, rankLabels, type LabelScore } from '../gallery/scores';
import { clipClient } from '../state';
import type { LabelEmbeddings } from '../state/labelStore';
import { probeScores, type Probe } from '../state/probe';
import { LiveStats } from './liveStats';

export interface LiveLabels {
  scores: LabelScore[] | null;
  /** The latest frame's embedding (of the model in use, else null): what recording keeps. */
  frame: { embedding: Float32Array; generation: number } | null;
  fps: number;
  latencyMs: number;
  error: string | null;
}

/**
 * `probe`: rank with the linear probe instead of zero-shot (the caller passes one only when it
 * applies to the model in use).
 */
export function useLiveLabels(video: RefObject<HTMLVideoElement | null>, active: boolean, labels: LabelEmbeddings | null, generation: number | null, probe: Probe | null = null): LiveLabels {
  const [frame, setFrame] = useState<{ embedding: Float32Array; generation: number } | null>(null);
  const [stats, setStats] = useState({ fps: 0, latencyMs: 0 });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const controller = new AbortController();
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
          const bitmap = await createImageBitmap(element);
          const result = await clipClient.encodeFrame(bitmap, { signal: controller.signal });
          if (stopped) break;
          const end = performance.now();
          meter.add(end, end - started);
          setFrame({ embedding: result.embedding, generation: result.generation });
          setStats({ fps: meter.fps, latencyMs: meter.latency });
          setError(null);
        } catch (e) {
          if (stopped || isCancelled(e)) break;
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
      controller.abort();
    };
  }, [active, video]);

  // Only a frame embedded by the model in use is compared with labels of the model in use.
  const current = frame && frame.generation === generation ? frame : null;
  const scores = probe ? (current && current.embedding.length === probe.dim ? probeScores(probe, current.embedding, 3) : null) : frame && comparable(frame, labels, generation) ? rankLabels(frame.embedding, labels, 3) : null;
  return { scores, frame: current, fps: stats.fps, latencyMs: stats.latencyMs, error };
}
