/** Share: the link to this exact setup, and a QR code to put on the projector. */
import { useRef, useState } from 'react';
import QRCode from 'qrcode';
import { currentSetupUrl } from './useUrlSync';

export function ShareButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('');
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const open = async () => {
    const link = currentSetupUrl({ forSharing: true });
    setUrl(link);
    setCopied(false);
    setQr(null);
    dialog.current?.showModal();
    try {
      setQr(await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    } catch {
      setQr(''); // too long for a QR code (hundreds of custom labels): the link still works
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <>
      <button type="button" onClick={() => void open()}>Share</button>
      <dialog ref={dialog} className="share-dialog" aria-labelledby="share-title">
        <h2 id="share-title">Share this setup</h2>
        <p className="hint">The link opens the same labels, template, label set and model.</p>
        <div className="share-link">
          <input readOnly value={url} aria-label="Link to this setup" onFocus={(e) => e.target.select()} data-testid="share-url" />
          <button type="button" onClick={() => void copy()}>{copied ? 'Copied' : 'Copy'}</button>
        </div>
        {qr === '' && <p className="warning">This setup is too long for a QR code; share the link instead.</p>}
        {qr && <div className="qr" role="img" aria-label="QR code of the link" dangerouslySetInnerHTML={{ __html: qr }} />}
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
