/**
 * Projector mode: the app root goes full screen (the Fullscreen API) with large type, the video
 * fitted to the screen, and a compact label editor (present.css). Where full screen is refused (a
 * browser without it, an iPhone, an iframe, `?present` without a click) the mode still works in
 * the window. It ends with the button, with Escape, or when the browser leaves full screen (its
 * own Escape, which the page never sees).
 */
import { useEffect, useRef, type RefObject } from 'react';
import { appState, useUiStore } from '../state';
import './present.css';

export function PresentButton({ root }: { root: RefObject<HTMLElement | null> }) {
  const presenting = useUiStore((s) => s.presenting);
  /** Set while full screen is ours: leaving it then ends the mode. */
  const ownsFullscreen = useRef(false);

  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement) return;
      if (ownsFullscreen.current) appState.ui.getState().setPresenting(false);
      ownsFullscreen.current = false;
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  useEffect(() => {
    if (!presenting) {
      if (ownsFullscreen.current && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      ownsFullscreen.current = false;
      return;
    }
    const onKey = (e: KeyboardEvent) => {
      // A dialog (Share, Model input) closes on its own Escape first.
      if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]')) appState.ui.getState().setPresenting(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting]);

  const toggle = () => {
    if (presenting) {
      appState.ui.getState().setPresenting(false);
      return;
    }
    appState.ui.getState().setPresenting(true);
    const element = root.current;
    // Asked within the click (full screen needs a user gesture); a refusal leaves the mode in the window.
    if (element && document.fullscreenEnabled && !document.fullscreenElement && typeof element.requestFullscreen === 'function') {
      ownsFullscreen.current = true;
      element.requestFullscreen({ navigationUI: 'hide' }).catch(() => {
        ownsFullscreen.current = false;
      });
    }
  };

  return (
    <button type="button" className="present-button" aria-pressed={presenting} onClick={toggle} title={presenting ? 'Leave projector mode (Escape)' : 'Full screen, large type, for a projector'}>
      {presenting ? 'Exit presentation' : 'Present'}
    </button>
  );
}
