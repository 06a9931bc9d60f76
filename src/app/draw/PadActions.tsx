/**
 * Undo, redo, clear (also Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y while the Draw view is open and no text
 * field has the focus), and the background photo: a file, or a picture already in the gallery.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useGalleryStore } from '../state';
import { loadBackground } from './background';
import { padStore, usePadStore } from './padState';
import { currentBackground } from './padHistory';

export function PadActions() {
  const canUndo = usePadStore((s) => s.history.ops.length > 0);
  const canRedo = usePadStore((s) => s.history.undone.length > 0);
  const background = usePadStore((s) => currentBackground(s.history.ops));
  const items = useGalleryStore((s) => s.items);
  const { undo, redo, add } = padStore.getState();
  const fileInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const galleryId = useId();
  const pictures = items.filter((i) => i.url && i.status !== 'error');

  useUndoKeys();

  const applyImage = async (blob: Blob, name: string) => {
    setError(null);
    setLoading(true);
    try {
      add({ kind: 'background', image: await loadBackground(blob), name });
    } catch {
      setError(`“${name}” could not be read as a picture. Try a PNG, JPEG or WebP image.`);
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="pad-actions">
      <div className="tool-group" role="group" aria-label="History">
        <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y">
          Redo
        </button>
        <button type="button" onClick={() => add({ kind: 'clear' })} disabled={!canUndo}>
          Clear
        </button>
      </div>
      <div className="tool-group background-group" role="group" aria-label="Background photo">
        <button type="button" onClick={() => fileInput.current?.click()} disabled={loading}>
          {loading ? 'Loading…' : 'Draw on a photo…'}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          hidden
          data-testid="background-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void applyImage(file, file.name);
          }}
        />
        {pictures.length > 0 && (
          <>
            <label htmlFor={galleryId} className="visually-hidden">
              Use a gallery picture as the background
            </label>
            <select
              id={galleryId}
              value=""
              onChange={(e) => {
                const item = pictures.find((p) => String(p.id) === e.target.value);
                if (item) void applyImage(item.file, item.name);
              }}
            >
              <option value="">Or a gallery picture…</option>
              {pictures.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </>
        )}
        {background?.image && (
          <button type="button" onClick={() => add({ kind: 'background', image: null, name: null })}>
            Remove photo
          </button>
        )}
      </div>
      {background?.name && <p className="hint background-name">Drawing on {background.name}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y for the pad, except while typing in a field (which has its own undo). */
function useUndoKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) padStore.getState().undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') padStore.getState().redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
