/** A model download in progress: bytes, rate, Cancel, and each file's progress bar. */
import { formatBytes } from '../components/format';
import { appState } from '../state';
import type { PendingLoad } from '../state/modelStore';

export function LoadProgress({ pending, stillUsing }: { pending: PendingLoad; stillUsing: string | null }) {
  const files = Object.values(pending.progress);
  const loaded = files.reduce((sum, f) => sum + f.loaded, 0);
  const total = files.reduce((sum, f) => sum + (f.total ?? f.loaded), 0);
  return (
    <span className="loading" data-testid="loading">
      Loading model… {total > 0 ? `${formatBytes(loaded)} of ${formatBytes(total)}` : ''}
      {loaded > 0 ? ` · ${formatBytes(rate(loaded, pending.startedAt))}/s` : ''}
      {stillUsing && <span className="hint"> (still using {stillUsing} meanwhile)</span>}{' '}
      <button type="button" onClick={() => appState.model.getState().cancel()}>Cancel</button>
    </span>
  );
}

export function FileProgressList({ pending }: { pending: PendingLoad }) {
  const files = Object.values(pending.progress);
  if (files.length === 0) return null;
  return (
    <ul className="downloads" aria-label="Downloads">
      {files.map((f) => (
        <li key={f.file}>
          <span className="file">{f.file}</span>
          <progress max={f.total ?? 1} value={f.total ? f.loaded : f.done ? 1 : undefined} aria-label={`Download of ${f.file}`} />
          <span className="bytes">{f.total ? `${formatBytes(f.loaded)} / ${formatBytes(f.total)}` : formatBytes(f.loaded)}</span>
        </li>
      ))}
    </ul>
  );
}

function rate(bytes: number, since: number): number {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 ? bytes / seconds : 0;
}

