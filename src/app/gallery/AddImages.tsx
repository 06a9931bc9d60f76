/** The visible way in for images: a picker button, with the drop/paste hint beside it. */
import { useRef } from 'react';
import { useGalleryStore } from '../state';
import { KeepingNote } from './KeepingNote';

export function AddImages() {
  const input = useRef<HTMLInputElement>(null);
  const addFiles = useGalleryStore((s) => s.addFiles);
  const count = useGalleryStore((s) => s.items.length);
  const clear = useGalleryStore((s) => s.clear);
  return (
    <div className="add-images">
      <button type="button" className="primary" onClick={() => input.current?.click()}>
        Choose images…
      </button>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ''; // picking the same file again should add it again
          if (files.length) void addFiles(files);
        }}
      />
      <span className="hint">or drop them anywhere, or paste with Ctrl+V</span>
      {count > 0 && (
        <button type="button" className="link" onClick={clear}>
          Clear all
        </button>
      )}
      <KeepingNote count={count} />
    </div>
  );
}
