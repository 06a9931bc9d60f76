/** Whether the gallery survives a reload in this browser, next to the gallery's Clear button. */
import { useGalleryKeeping } from '../state';

export function KeepingNote({ count }: { count: number }) {
  const status = useGalleryKeeping((s) => s.status);
  switch (status) {
    case 'on':
      return count > 0 ? <span className="hint" data-testid="gallery-keeping">Kept in this browser only.</span> : null;
    case 'unavailable':
      return (
        <span className="warning" role="status" data-testid="gallery-keeping">
          This browser does not let the app keep images (a private window?): they are gone after a reload.
        </span>
      );
    case 'full':
      return (
        <span className="warning" role="status" data-testid="gallery-keeping">
          This browser’s storage is full: images added now are gone after a reload. Clear all makes room.
        </span>
      );
    case 'failed':
      return (
        <span className="warning" role="status" data-testid="gallery-keeping">
          Images could not be saved in this browser: some may be gone after a reload.
        </span>
      );
    case 'starting':
      return null;
  }
}
