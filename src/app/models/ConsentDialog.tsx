/**
 * Asks before a download the app should not start on its own (src/clip/sourcePolicy.ts): another
 * host, files that cannot be verified, or a precision that downloads a lot. It names the host,
 * the size (or "unknown size") and what is not verified; nothing is requested until the user
 * agrees. A real modal <dialog>: focus starts on the safe choice, Escape declines, and focus
 * goes back where it was when it closes.
 */
import { useEffect, useRef } from 'react';
import { catalogEntry } from '../../clip';
import { reasonText } from '../../clip/sourcePolicy';
import { formatBytes } from '../components/format';
import { appState, useModelStore } from '../state';
import './trust.css';

export function ConsentDialog() {
  const question = useModelStore((s) => s.consent);
  const dialog = useRef<HTMLDialogElement>(null);
  const decline = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (question && !element.open) {
      const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      decline.current?.focus();
      return () => {
        if (element.open) element.close();
        before?.focus();
      };
    }
    return undefined;
  }, [question]);

  if (!question) return <dialog ref={dialog} className="consent-dialog" aria-label="Download consent" />;
  const { request, assessment } = question;
  const { approve, decline: declineLoad } = appState.model.getState();
  const name = catalogEntry(request.source.id)?.name ?? request.source.id;
  const size = assessment.downloadBytes === null ? 'unknown size' : `≈ ${formatBytes(assessment.downloadBytes)}`;
  const verified = assessment.pinnedFiles > 0 ? `checked by size and SHA-256 (${assessment.pinnedFiles} files pinned)` : 'not verified (no SHA-256 check)';
  return (
    <dialog
      ref={dialog}
      className="consent-dialog"
      aria-labelledby="consent-title"
      aria-describedby="consent-facts"
      data-testid="consent-dialog"
      onCancel={(event) => {
        // Escape: the same as "Don't download".
        event.preventDefault();
        declineLoad();
      }}
    >
      <h2 id="consent-title">Download {name}?</h2>
      <p className="hint">This page was opened with settings that download a model this app does not fetch on its own. Nothing has been downloaded yet.</p>
      <dl id="consent-facts" className="consent-facts">
        <dt>From</dt>
        <dd data-testid="consent-host">{assessment.hostLabel}{assessment.trust === 'hub' ? ' (Hugging Face hub)' : ''}</dd>
        <dt>Model</dt>
        <dd>{request.source.id}{request.source.revision !== 'main' || assessment.trust === 'hub' ? ` @ ${request.source.revision.slice(0, 12)}` : ''}</dd>
        <dt>Size</dt>
        <dd data-testid="consent-size">{size}</dd>
        <dt>Files</dt>
        <dd data-testid="consent-verification">{verified}</dd>
      </dl>
      <ul className="consent-reasons">
        {assessment.reasons.map((reason) => (
          <li key={reason}>{reasonText(reason, assessment)}</li>
        ))}
      </ul>
      <div className="actions">
        <button ref={decline} type="button" onClick={declineLoad}>Don't download</button>
        <button type="button" className="primary" onClick={() => void approve()}>Download from {assessment.hostLabel}</button>
      </div>
    </dialog>
  );
}
