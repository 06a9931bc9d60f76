/**
 * The canvas: draws with a mouse, a finger or a pen (pointer events; a pen's pressure widens the
 * line), fills areas, writes words with the text tool, and shows the background photo under the ink. One
 * pointer draws at a time; `touch-action: none` keeps a finger on the pad from scrolling the page.
 */
import { useCallback, useLayoutEffect, useRef, useState, type PointerEvent, type ReactNode, type RefObject } from 'react';
import { currentBackground, type StrokeOp, type StrokePoint } from './padHistory';
import { composite, drawSegment, renderInk } from './padRender';
import { padStore, usePadStore } from './padState';
import { PAD_SIZE, sizeOf } from './padStore';

/** Pointer positions closer than this (pad pixels) to the last point add nothing to a stroke. */
const MIN_STEP = 0.75;

function inkContext(ink: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = ink.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  return ctx;
}

/** `overlay` is shown over the pad without taking its pointer events (the phone's live label). */
export function DrawingPad({ canvasRef, overlay }: { canvasRef: RefObject<HTMLCanvasElement | null>; overlay?: ReactNode }) {
  const history = usePadStore((s) => s.history);
  const tool = usePadStore((s) => s.tool);
  const ink = useRef<HTMLCanvasElement | null>(null);
  const stroke = useRef<{ pointerId: number; op: StrokeOp } | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const background = currentBackground(history.ops)?.image ?? null;

  const inkCanvas = useCallback((): HTMLCanvasElement => {
    if (!ink.current) {
      const canvas = document.createElement('canvas');
      canvas.width = PAD_SIZE;
      canvas.height = PAD_SIZE;
      ink.current = canvas;
    }
    return ink.current;
  }, []);

  const paint = useCallback(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (ctx) composite(ctx, background, inkCanvas(), PAD_SIZE);
  }, [background, canvasRef, inkCanvas]);

  // The picture from its operations whenever they change (a committed stroke, undo, redo, clear…).
  useLayoutEffect(() => {
    const ctx = inkContext(inkCanvas());
    renderInk(ctx, history.ops, PAD_SIZE);
    const live = stroke.current?.op;
    if (live) for (let i = 0; i < live.points.length; i++) drawSegment(ctx, live.colour, live.eraser, live.points[Math.max(0, i - 1)]!, live.points[i]!);
    paint();
  }, [history, inkCanvas, paint]);

  const toPad = (event: { clientX: number; clientY: number; pressure: number; pointerType: string }, brush: number): StrokePoint => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const x = ((event.clientX - rect.left) / rect.width) * PAD_SIZE;
    const y = ((event.clientY - rect.top) / rect.height) * PAD_SIZE;
    // Mice report 0.5 while pressed, and many touch screens 0 or 1: only a pen's pressure means something.
    const width = event.pointerType === 'pen' && event.pressure > 0 ? brush * (0.3 + 1.4 * event.pressure) : brush;
    return { x, y, width };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (stroke.current) return; // one pointer at a time: a second finger does not draw
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    const { tool, colour, size, text, add, touched } = padStore.getState();
    const { brush, text: fontSize } = sizeOf(size);
    const point = toPad(e, brush);
    if (tool === 'text') {
      const word = text.trim();
      if (!word) {
        setHint('Type a word in the text field first, then tap where it should go.');
        return;
      }
      setHint(null);
      add({ kind: 'text', text: word, x: point.x, y: point.y, colour, size: fontSize });
      return;
    }
    setHint(null);
    if (tool === 'fill') {
      add({ kind: 'fill', x: point.x, y: point.y, colour });
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    const op: StrokeOp = { kind: 'stroke', colour, eraser: tool === 'eraser', points: [point] };
    stroke.current = { pointerId: e.pointerId, op };
    drawSegment(inkContext(inkCanvas()), op.colour, op.eraser, point, point);
    paint();
    touched();
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const current = stroke.current;
    if (!current || current.pointerId !== e.pointerId) return;
    const { brush } = sizeOf(padStore.getState().size);
    // Coalesced events: every position the pointer passed through since the last frame.
    const coalesced = e.nativeEvent.getCoalescedEvents?.() ?? [];
    const events = coalesced.length > 0 ? coalesced : [e.nativeEvent];
    const ctx = inkContext(inkCanvas());
    let moved = false;
    for (const event of events) {
      const point = toPad(event, brush);
      const last = current.op.points[current.op.points.length - 1]!;
      if (Math.hypot(point.x - last.x, point.y - last.y) < MIN_STEP) continue;
      current.op.points.push(point);
      drawSegment(ctx, current.op.colour, current.op.eraser, last, point);
      moved = true;
    }
    if (!moved) return;
    paint();
    padStore.getState().touched();
  };

  const onPointerEnd = (e: PointerEvent<HTMLCanvasElement>) => {
    const current = stroke.current;
    if (!current || current.pointerId !== e.pointerId) return;
    stroke.current = null;
    padStore.getState().add(current.op);
  };

  return (
    <div className="pad-frame">
      <canvas
        ref={canvasRef}
        width={PAD_SIZE}
        height={PAD_SIZE}
        className={`pad-canvas tool-${tool}`}
        data-testid="drawing-pad"
        role="img"
        aria-label="Drawing pad: draw with a mouse, a finger or a pen"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onLostPointerCapture={onPointerEnd}
        onContextMenu={(e) => e.preventDefault()}
      />
      {overlay}
      {hint && (
        <p className="pad-hint" role="status">
          {hint}
        </p>
      )}
    </div>
  );
}
