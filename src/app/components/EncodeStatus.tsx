/** How many labels there are, the encoding progress (with cancel), and what the cache saved. */
import { useLabelStore } from '../state/labelStore';

export function EncodeStatus({ labelCount }: { labelCount: number }) {
  const { encoding, progress, summary, error, cancel } = useLabelStore();
  return (
    <div className="encode-status" aria-live="polite">
      <p className="label-count">
        {labelCount} label{labelCount === 1 ? '' : 's'}
        {!encoding && summary && (
          <span data-testid="encode-summary">
            {' '}· {summary.prompts} prompt{summary.prompts === 1 ? '' : 's'}: {summary.encoded} encoded, {summary.fromBrowserCache} from this browser’s cache ({summary.ms} ms)
          </span>
        )}
      </p>
      {encoding && progress && progress.total > 128 && (
        <div className="encode-progress">
          <progress max={progress.total} value={progress.done} aria-label="Encoding labels" />
          <span>
            {progress.done} / {progress.total}
          </span>
          <button type="button" onClick={cancel}>Cancel</button>
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
