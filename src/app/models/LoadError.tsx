/** A model load that failed (or was cancelled): what happened, and the ways on. */
import type { ClipErrorData } from '../../../workers/errors';
import { BUNDLED_MODEL_ID, isHubHost } from '../../clip/modelSource';
import { appState } from '../state';
import type { LoadFailure } from '../state/modelStore';
import { bundledSource } from './sources';

export function LoadError({ failure, stillUsing }: { failure: LoadFailure; stillUsing: string | null }) {
  const { retry, load, dismissFailure } = appState.model.getState();
  const { source } = failure.request;
  const unreachableHub = isHubHost(source.host) && source.id !== BUNDLED_MODEL_ID && (failure.error.kind === 'network' || failure.error.kind === 'http');
  return (
    <div className="error" role="alert">
      <p>{failureMessage(source.id, failure.error)}</p>
      {stillUsing && <p>Still using {stillUsing}: nothing else changed.</p>}
      {unreachableHub && !stillUsing && <p>The Hugging Face hub may be unreachable from this network. The app ships a small demo model that knows coloured shapes.</p>}
      <div className="actions">
        <button type="button" onClick={() => void retry()}>Retry</button>
        {!stillUsing && source.id !== BUNDLED_MODEL_ID && (
          <button type="button" onClick={() => void load({ source: bundledSource() })}>Use the bundled demo model</button>
        )}
        {stillUsing && <button type="button" onClick={dismissFailure}>Dismiss</button>}
      </div>
    </div>
  );
}

function failureMessage(id: string, error: ClipErrorData): string {
  if (error.kind === 'cancelled') return `Download of ${id} cancelled.`;
  return `${id} could not be loaded: ${error.message}`;
}
