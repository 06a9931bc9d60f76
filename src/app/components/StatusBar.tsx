/** Which model runs where, download progress, and what went wrong with loading. */
import { useModelStore } from '../state/modelStore';
import { bundledSource } from '../state/appParams';
import { BUNDLED_MODEL_ID, isHubHost } from '../../clip/modelSource';
import { BackendPicker } from './BackendPicker';
import { ModelPicker } from '../models/ModelPicker';
import { formatBytes } from './format';

export function StatusBar() {
  const { source, status, progress, info, error, notice, load, cancel, loadStartedAt } = useModelStore();
  const files = Object.values(progress);
  const loaded = files.reduce((sum, f) => sum + f.loaded, 0);
  const total = files.reduce((sum, f) => sum + (f.total ?? f.loaded), 0);
  const hubFailed = status === 'error' && isHubHost(source.host) && source.id !== BUNDLED_MODEL_ID;

  return (
    <section className="status" aria-label="Model status">
      <div className="status-line">
        <span className="model-name" title={source.host}>{source.id}</span>
        {status === 'ready' && info && (
          <span className="backend" data-testid="backend">
            {info.backend === 'webgpu' ? 'WebGPU' : `WASM · ${info.threads} thread${info.threads === 1 ? '' : 's'}`} · {info.visionPrecision === info.precision ? precisionName(info.precision) : `image ${precisionName(info.visionPrecision)}, text ${precisionName(info.precision)}`}
          </span>
        )}
        {status === 'loading' && (
          <span className="loading" data-testid="loading">
            Loading model… {total > 0 ? `${formatBytes(loaded)} of ${formatBytes(total)}` : ''}
            {loaded > 0 ? ` · ${formatBytes(rate(loaded, loadStartedAt))}/s` : ''}{' '}
            <button type="button" onClick={cancel}>Cancel</button>
          </span>
        )}
        <BackendPicker />
      </div>
      {status === 'loading' && files.length > 0 && (
        <ul className="downloads" aria-label="Downloads">
          {files.map((f) => (
            <li key={f.file}>
              <span className="file">{f.file}</span>
              <progress max={f.total ?? 1} value={f.total ? f.loaded : f.done ? 1 : undefined} aria-label={`Download of ${f.file}`} />
              <span className="bytes">{f.total ? `${formatBytes(f.loaded)} / ${formatBytes(f.total)}` : formatBytes(f.loaded)}</span>
            </li>
          ))}
        </ul>
      )}
      <ModelPicker />
      {notice && <p className="notice" role="status" data-testid="backend-notice">{notice}</p>}
      {status === 'error' && (
        <div className="error" role="alert">
          <p>The model could not be loaded: {error}</p>
          {hubFailed && <p>The Hugging Face hub may be unreachable from this network. The app ships a small demo model that knows coloured shapes.</p>}
          <div className="actions">
            <button type="button" onClick={() => void load()}>Retry</button>
            {source.id !== BUNDLED_MODEL_ID && (
              <button type="button" onClick={() => void load(bundledSource())}>Use the bundled demo model</button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function rate(bytes: number, since: number): number {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 ? bytes / seconds : 0;
}

function precisionName(precision: string): string {
  return precision === 'q8' ? '8-bit' : precision;
}
