/**
 * Classifies the drawing while it is drawn, as the camera does its frames: the pad's pixels are
 * copied into an ImageBitmap and transferred to the worker, one at a time. A run starts only when
 * the picture (its revision) or the model changed since the last one, so an idle pad costs nothing.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { isCancelled } from '../../../workers/errors';
import { clipClient } from '../state';
import { latestOnly, type LatestOnly } from './latestOnly';
import type { EmbeddedFrame } from './scoring';

export interface LiveDrawing {
  /** The embedding of the latest classified picture, or null (blank pad, nothing yet). */
  frame: EmbeddedFrame | null;
  /** The pad revision that `frame` shows. */
  revision: number | null;
  latencyMs: number | null;
  busy: boolean;
  error: string | null;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

export function useLiveDrawing(canvas: RefObject<HTMLCanvasElement | null>, revision: number, blank: boolean, generation: number | null): LiveDrawing {
  const [state, setState] = useState<LiveDrawing>({ frame: null, revision: null, latencyMs: null, busy: false, error: null });
  const runner = useRef<LatestOnly<string> | null>(null);

  useEffect(() => {
    const live = latestOnly<string>(async (key, signal) => {
      const element = canvas.current;
      if (!element) return;
      const shown = Number(key.split('|')[0]);
      const started = performance.now();
      setState((s) => ({ ...s, busy: true }));
      try {
        // The pixels as they are now: strokes drawn since the request are included, not lost.
        const bitmap = await createImageBitmap(element);
        const result = await clipClient.encodeFrame(bitmap, { signal });
        if (signal.aborted) return;
        setState({ frame: { embedding: result.embedding, generation: result.generation }, revision: shown, latencyMs: performance.now() - started, busy: false, error: null });
      } catch (e) {
        if (signal.aborted || isCancelled(e)) return;
        setState((s) => ({ ...s, busy: false, error: e instanceof Error ? e.message : String(e) }));
      }
      // Let the page paint the stroke before the next picture is read.
      await nextFrame();
    });
    runner.current = live;
    return () => {
      live.stop();
      runner.current = null;
    };
  }, [canvas]);

  useEffect(() => {
    if (blank || generation === null) return;
    runner.current?.request(`${revision}|${generation}`);
  }, [revision, generation, blank]);

  return blank ? { frame: null, revision: null, latencyMs: null, busy: false, error: null } : state;
}
