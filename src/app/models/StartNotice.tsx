/** Which model the start used instead of the one asked for, and why; the asked one is a click away. */
import { catalogEntry } from '../../clip/catalog';
import { appState, startNotice, useModelStore, useStartNotice } from '../state';
import './startNotice.css';

export function StartNotice() {
  const message = useStartNotice((s) => s.message);
  const wanted = useStartNotice((s) => s.wanted);
  const busy = useModelStore((s) => s.pending !== null);
  if (!message) return null;
  return (
    <div className="notice start-notice" role="status" data-testid="start-notice">
      <p>{message}</p>
      <div className="actions">
        {wanted && (
          <button type="button" disabled={busy} onClick={() => void appState.model.getState().load(wanted)}>
            Try {catalogEntry(wanted.source.id)?.name ?? wanted.source.id} again
          </button>
        )}
        <button type="button" onClick={() => startNotice.getState().dismiss()}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
