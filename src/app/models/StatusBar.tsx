/** Which model runs where, download progress, and what went wrong with loading. */
import type { LoadedModel } from '../../../workers/api';
import type { ClipErrorData } from '../../../workers/errors';
import { BUNDLED_MODEL_ID, isHubHost } from '../../clip/modelSource';
import { formatBytes } from '../components/format';
import { appState, useModelStore } from '../state';
import type { LoadFailure, PendingLoad } from '../state/modelStore';
import { BackendPicker } from './BackendPicker';
import { ModelPicker } from './ModelPicker';
import { bundledSource } from './sources';

export function StatusBar() {
  const active = useModelStore((s) => s.active);
  const pending = useModelStore((s) => s.pending);
  const failure = useModelStore((s) => s.failure);
  const notice = useModelStore((s) => s.notice);
  const shownId = (pending ?? active)?.request.source.id ?? failure?.request.source.id ?? appState.initialRequest.source.id;
  return (
    <section className="status" aria-label="Model status">
      <div className="status-line">
        <span className="model-name" title={(pending ?? active)?.request.source.host}>{shownId}</span>
        {active && !pending && <BackendBadge model={active.model} />}
        {pending && <LoadProgress pending={pending} stillUsing={active?.request.source.id ?? null} />}
        <BackendPicker />
      </div>
      {pending && <FileProgressList pending={pending} />}
      <ModelPicker />
      {notice && <p className="notice" role="status" data-testid="backend-notice">{notice}</p>}
      {failure && !pending && <LoadError failure={failure} stillUsing={active?.request.source.id ?? null} />}
    </section>
  );
}

function BackendBadge({ model }: { model: LoadedModel }) {
  const where = model.backend === 'webgpu' ? 'WebGPU' : `WASM · ${model.threads} thread${model.threads === 1 ? '' : 's'}`;
  const precision = model.visionPrecision === model.precision ? precisionName(model.precision) : `image ${precisionName(model.visionPrecision)}, text ${precisionName(model.precision)}`;
  return (
    <span className="backend" data-testid="backend">
      {where} · {precision}
    </span>
  );
}

function LoadProgress({ pending, stillUsing }: { pending: PendingLoad; stillUsing: string | null }) {
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

function FileProgressList({ pending }: { pending: PendingLoad }) {
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

function LoadError({ failure, stillUsing }: { failure: LoadFailure; stillUsing: string | null }) {
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

function rate(bytes: number, since: number): number {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 ? bytes / seconds : 0;
}

function precisionName(precision: string): string {
  return precision === 'q8' ? '8-bit' : precision;
}
