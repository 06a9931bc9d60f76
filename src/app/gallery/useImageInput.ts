/** Images (and folders of them) dropped anywhere on the page, or pasted from the clipboard, go to the gallery. */
import { useEffect, useState } from 'react';
import { appState, useGalleryStore } from '../state';
import { addIncoming } from './addIncoming';
import { dropEntries, readDroppedEntries } from './readDrop';
import { useIngestNotice } from './ingestNotice';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** Returns whether files are being dragged over the page (to show the drop overlay). */
export function useImageInput(): boolean {
  const addFiles = useGalleryStore((s) => s.addFiles);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const onDragEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // without this the browser opens the file instead of dropping it here
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDragLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      // Entries must be taken now: the browser empties the DataTransfer when the event is over.
      const entries = dropEntries(e.dataTransfer);
      if (entries.length === 0) return;
      appState.ui.getState().setView('images'); // show where the dropped files went
      void readDroppedEntries(entries)
        .then(addIncoming)
        .catch((error: unknown) => useIngestNotice.getState().set(`The drop could not be read: ${error instanceof Error ? error.message : String(error)}`));
    };
    const onPaste = (e: ClipboardEvent) => {
      const files = Array.from(e.clipboardData?.files ?? []);
      if (files.length === 0) return; // plain text pastes stay with the focused field
      e.preventDefault();
      appState.ui.getState().setView('images');
      void addFiles(files, 'paste');
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, [addFiles]);

  return dragging;
}
