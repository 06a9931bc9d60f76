/**
 * How many labels the results are ranked against, the encoding progress (with Cancel), and what
 * the cache saved. The count is the encoded one: it changes together with the results.
 */
import { useLabelStore } from '../state';

export function EncodeStatus() {
  const encoding = useLabelStore((s) => s.encoding);
  const encodedCount = useLabelStore((s) => s.encoded?.labels.length ?? null);
  const summary = useLabelStore((s) => s.summary);
  const error = useLabelStore((s) => s.error);
  const cancel = useLabelStore((s) => s.cancel);
  const progress = encoding?.progress;
  return (
    <div className="encode-status" aria-live="polite">
      <p className="label-count">
        {encoding ? 'Encoding the labels…' : encodedCount !== null ? `${encodedCount} label${encodedCount === 1 ? '' : 's'}` : ''}
        {!encoding && summary && (
          <span data-testid="encode-summary">
            {' '}· {summary.prompts} prompt{summary.prompts === 1 ? '' : 's'}: {summary.encoded} encoded, {summary.fromBrowserCache} from this browser’s cache ({summary.ms} ms)
          </span>
        )}
      </p>
      {progress && progress.total > 128 && (
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
