/**
 * A model download in progress: bytes, rate, Cancel, and each file's progress bar, with what a
 * download is doing when it is not receiving ("waiting 8 s, the hub is busy", "connection lost,
 * resuming at 72 MB in 2 s"), counted down while it waits.
 */
import { useEffect, useState } from 'react';
import type { FileProgress } from '../../../workers/api';
import { catalogEntry, downloadSize, towerPrecisions } from '../../clip';
import { isHubHost } from '../../clip/modelSource';
import { plannedTowers } from '../../clip/sourcePolicy';
import type { LoadRequest } from '../../../workers/api';
import { formatBytes } from '../components/format';
import { appState } from '../state';
import type { PendingLoad } from '../state/modelStore';
import { downloadStateText, summaryState } from './downloadState';
import './models.css';

export function LoadProgress({ pending, stillUsing }: { pending: PendingLoad; stillUsing: string | null }) {
  const files = Object.values(pending.progress);
  const loaded = files.reduce((sum, f) => sum + f.loaded, 0);
  const known = files.reduce((sum, f) => sum + (f.total ?? f.loaded), 0);
  // Files not yet started have no size: before the towers start, the JSON files alone would say
  // "0 B of 2 MB" for a 150 MB model. The catalog's size fills in, marked as an estimate.
  const expected = expectedBytes(pending.request);
  const total = Math.max(known, expected);
  const now = useClock(files.some((f) => f.retry));
  const state = summaryState(files, now, serverName(pending));
  return (
    <span className="loading" data-testid="loading">
      Loading model… {total > 0 ? `${formatBytes(loaded)} of ${expected > known ? '≈ ' : ''}${formatBytes(total)}` : ''}
      {loaded > 0 ? ` · ${formatBytes(rate(loaded, pending.startedAt))}/s` : ''}
      {state && <span className="download-summary" data-testid="download-state"> · {state}</span>}
      {stillUsing && <span className="hint"> (still using {stillUsing} meanwhile)</span>}{' '}
      <button type="button" onClick={() => appState.model.getState().cancel()}>Cancel</button>
    </span>
  );
}

export function FileProgressList({ pending }: { pending: PendingLoad }) {
  const files = Object.values(pending.progress);
  const now = useClock(files.some((f) => f.retry));
  if (files.length === 0) return null;
  const server = serverName(pending);
  return (
    <ul className="downloads" aria-label="Downloads">
      {files.map((f) => (
        <FileRow key={f.file} progress={f} state={downloadStateText(f, now, server)} />
      ))}
    </ul>
  );
}

function FileRow({ progress: f, state }: { progress: FileProgress; state: string | null }) {
  return (
    <li className={f.retry ? 'waiting' : undefined}>
      <span className="file">{f.file}</span>
      <progress max={f.total ?? 1} value={f.total ? f.loaded : f.done ? 1 : undefined} aria-label={`Download of ${f.file}`} />
      <span className="bytes">{f.fromCache ? 'from this browser' : f.total ? `${formatBytes(f.loaded)} / ${formatBytes(f.total)}` : formatBytes(f.loaded)}</span>
      {state && <span className="download-state" data-testid="file-download-state">{state}</span>}
    </li>
  );
}

/** Who answers for the files: the hub, or the server the app (or the URL) names. */
function serverName(pending: PendingLoad): string {
  return isHubHost(pending.request.source.host) ? 'the hub' : 'the server';
}

/** `Date.now()`, kept current while `running`, for countdowns in whole seconds. */
function useClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [running]);
  return now;
}

function rate(bytes: number, since: number): number {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 ? bytes / seconds : 0;
}

/** The download a catalog model needs on the backend asked for (WASM when automatic), or 0. */
function expectedBytes(request: LoadRequest): number {
  const entry = catalogEntry(request.source.id);
  if (!entry) return 0;
  const forced = request.precision && request.precision !== 'auto' ? request.precision : null;
  const towers = forced ? plannedTowers(entry.id, forced) : towerPrecisions(entry.id, request.backend === 'webgpu' ? 'webgpu' : 'wasm', 'fp16');
  return downloadSize(entry, towers);
}
