/** The QR code of the setup's link, as large as the screen allows: for the projector. */
import { useEffect, useRef } from 'react';
import { QrCode } from './QrCode';
import { ShareWarning } from './ShareWarning';
import type { ShareTarget } from './shareTarget';
import './share.css';

/** A click on the backdrop (the dialog element itself, but outside its box) closes it. */
function outside(e: React.MouseEvent<HTMLElement>): boolean {
  const box = e.currentTarget.getBoundingClientRect();
  return e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom;
}

export function LargeQr({ target, onClose }: { target: ShareTarget | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (target && !element.open) element.showModal();
    if (!target && element.open) element.close();
  }, [target]);
  return (
    <dialog ref={dialog} className="large-qr" aria-label="QR code for the room" onClose={onClose} onClick={(e) => e.target === e.currentTarget && outside(e) && onClose()}>
      {target && (
        <>
          <QrCode url={target.url} className="qr large" />
          {/* What to type when a phone cannot scan: the address, large; the whole link, small. */}
          <p className="large-qr-address">{new URL(target.url).origin}</p>
          <p className="large-qr-url" data-testid="large-qr-url">{target.url}</p>
          <ShareWarning target={target} />
          <button type="button" className="primary" onClick={onClose} autoFocus>
            Close
          </button>
        </>
      )}
    </dialog>
  );
}
