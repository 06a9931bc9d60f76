/**
 * The visible ways in for images: pick files, pick a folder (one sub-folder per class, optionally
 * one level above per domain: the true labels and domains come from the folder names), the
 * drop/paste hint, and what the last folder brought.
 */
import { useRef } from 'react';
import { useGalleryStore } from '../state';
import { KeepingNote } from './KeepingNote';
import { addIncoming } from './addIncoming';
import { foldersOfPickedFile } from './ingest';
import { useIngestNotice } from './ingestNotice';
import { isHiddenFile } from './readDrop';

export function AddImages() {
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const count = useGalleryStore((s) => s.items.length);
  const pending = useGalleryStore((s) => s.items.filter((i) => i.status === 'pending').length);
  const clear = useGalleryStore((s) => s.clear);
  const notice = useIngestNotice((s) => s.message);
  return (
    <div className="add-images-block">
      <div className="add-images">
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          Choose images…
        </button>
        <button type="button" className="choose-folder" onClick={() => folderInput.current?.click()}>
          Choose folder…
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
            if (files.length) void addIncoming(files.map((file) => ({ file, folders: [] })));
          }}
        />
        <input
          ref={folderInput}
          type="file"
          multiple
          hidden
          data-testid="folder-input"
          // React does not know these attributes; the browser does (every current browser supports it).
          {...{ webkitdirectory: '', directory: '' }}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []).filter((f) => !isHiddenFile(f.name));
            e.target.value = '';
            if (files.length) void addIncoming(files.map((file) => ({ file, folders: foldersOfPickedFile(file) })));
          }}
        />
        <span className="hint">or drop images or folders anywhere, or paste with Ctrl+V</span>
        {count > 0 && (
          <button type="button" className="link" onClick={clear}>
            Clear all
          </button>
        )}
      </div>
      {(notice || pending > 0) && (
        <p className="ingest-notice" role="status" data-testid="ingest-notice">
          {notice}
          {pending > 0 && ` Classifying ${pending} of ${count} image${count === 1 ? '' : 's'}…`}
          {notice && (
            <button type="button" className="link" onClick={() => useIngestNotice.getState().set(null)}>
              Dismiss
            </button>
          )}
        </p>
      )}
      <KeepingNote count={count} />
    </div>
  );
}
