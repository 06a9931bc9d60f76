/**
 * Share: the link to this exact setup (labels, template, label set, model, view) and its QR code,
 * with the room's address when the classroom server gave one (see shareTarget.ts); and, for the
 * projector, the same QR code filling the screen.
 */
import { useRef, useState } from 'react';
import { useUiStore } from '../state';
import { LargeQr } from './LargeQr';
import { QrCode } from './QrCode';
import { currentShareTarget } from './roomAddress';
import { ShareWarning } from './ShareWarning';
import type { ShareTarget } from './shareTarget';
import './share.css';

export function ShareButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<ShareTarget | null>(null);
  const [large, setLarge] = useState<ShareTarget | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const presenting = useUiStore((s) => s.presenting);

  const open = async () => {
    setCopied(null);
    setTarget(await currentShareTarget());
    dialog.current?.showModal();
  };

  const showLarge = async () => {
    dialog.current?.close();
    setLarge(await currentShareTarget());
  };

  const copy = async () => {
    if (!target) return;
    try {
      await navigator.clipboard.writeText(target.url);
      setCopied('yes');
    } catch {
      // No Clipboard API (a plain-http page) or no permission: copy the selected text the old way,
      // deprecated but the only one there is without the Clipboard API.
      input.current?.select();
      setCopied(document.execCommand('copy') ? 'yes' : 'no');
    }
  };

  return (
    <>
      <button type="button" onClick={() => void open()}>Share</button>
      {presenting && (
        <button type="button" onClick={() => void showLarge()}>QR code</button>
      )}
      <dialog ref={dialog} className="share-dialog" aria-labelledby="share-title">
        <h2 id="share-title">Share this setup</h2>
        <p className="hint">The link opens the same labels, template, label set, model and view.</p>
        {target && (
          <>
            <div className="share-link">
              <input ref={input} readOnly value={target.url} aria-label="Link to this setup" onFocus={(e) => e.target.select()} data-testid="share-url" />
              <button type="button" onClick={() => void copy()}>{copied === 'yes' ? 'Copied' : 'Copy'}</button>
            </div>
            {copied === 'no' && <p className="hint">Copying is not allowed here: select the link and copy it by hand.</p>}
            <ShareWarning target={target} />
            <QrCode url={target.url} />
          </>
        )}
        <div className="actions">
          <button type="button" onClick={() => void showLarge()}>Show large for the room</button>
          <form method="dialog">
            <button type="submit">Close</button>
          </form>
        </div>
      </dialog>
      <LargeQr target={large} onClose={() => setLarge(null)} />
    </>
  );
}
