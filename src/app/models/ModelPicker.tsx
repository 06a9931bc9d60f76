/**
 * Choosing a model: what it costs to download and how good it is (ImageNet zero-shot top-1 from
 * its paper), before anything is downloaded; and the models this browser already keeps.
 */
import { useState } from 'react';
import { CATALOG, catalogEntry, downloadSize, towerPrecisions } from '../../clip';
import { BUNDLED_MODEL_ID } from '../../clip/modelSource';
import { describeVerification } from '../../../workers/verification';
import { formatBytes } from '../components/format';
import { plannedTowers } from '../../clip/sourcePolicy';
import { appState, useModelStore } from '../state';
import type { CachedModel } from './cachedModels';
import { currentRequest } from '../state/modelStore';
import { catalogSource } from './sources';
import type { StoredModels } from './useStoredModels';
import './models.css';

export function ModelPicker({ stored }: { stored: StoredModels }) {
  // The model the status names: the one loading, else the one in use, else the URL's.
  const shownId = useModelStore((s) => (s.pending ?? s.active)?.request.source.id ?? s.failure?.request.source.id ?? appState.initialRequest.source.id);
  const busy = useModelStore((s) => s.pending !== null);
  const activeId = useModelStore((s) => s.active?.request.source.id ?? null);
  const info = useModelStore((s) => s.active?.model ?? null);
  // A choice holds until the next load starts (this one, "Use the bundled demo model", Retry):
  // from then on the picker shows the model loading, then the one in use, also after a failure.
  const loadCount = useModelStore((s) => s.loadCount);
  const [picked, setPicked] = useState<{ id: string; loads: number } | null>(null);
  const choice = picked && picked.loads === loadCount ? picked.id : shownId;
  const setChoice = (id: string) => setPicked({ id, loads: loadCount });
  // Only a model with every file one backend needs counts as stored: the rest would need the network.
  const complete = stored.models.filter((m) => m.complete);
  const incomplete = stored.models.filter((m) => !m.complete);

  // A precision forced by the link or the precision select applies to the model picked here too.
  const forced = useModelStore((s) => currentRequest(s, appState.initialRequest).precision ?? 'auto');
  const entry = catalogEntry(choice);
  const backend = info?.backend ?? 'wasm';
  const precisions = forced !== 'auto' ? plannedTowers(choice, forced) : towerPrecisions(choice, backend, info?.precision ?? 'fp32');
  const size = entry ? downloadSize(entry, precisions) : 0;
  const cachedEntry = complete.find((c) => c.id === choice);

  return (
    <details className="model-picker">
      <summary>Change model</summary>
      <div className="model-picker-body">
        <label htmlFor="model-select">Model</label>
        <select id="model-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {CATALOG.map((m) => (
            <option key={m.id} value={m.id}>{m.name}</option>
          ))}
          {!catalogEntry(shownId) && <option value={shownId}>{shownId}</option>}
        </select>
        {entry && (
          <p className="model-facts" data-testid="model-facts">
            {entry.description}
            <br />
            {entry.imagenetTop1 !== null ? `ImageNet zero-shot top-1: ${entry.imagenetTop1}% · ` : ''}
            {size > 0 ? `download ≈ ${formatBytes(size)} on ${backend === 'webgpu' ? 'WebGPU' : 'WASM'}` : 'ships with the app'}
            {cachedEntry ? ` · stored in this browser (${formatBytes(cachedEntry.bytes)})` : ''}
            <br />
            {choice === activeId && info
              ? `${sourceNote(entry.id, info.source.revision)}; checked on load: ${describeVerification(info.verification)}`
              : revisionNote(entry.id, entry.revision, Object.keys(entry.integrity ?? {}).length)}
          </p>
        )}
        <button type="button" className="primary" disabled={busy || choice === activeId} onClick={() => void appState.model.getState().load({ source: catalogSource(choice) }, { consented: true })}>
          {cachedEntry ? 'Use this model' : 'Download and use'}
        </button>
        {complete.length > 0 && (
          <>
            <h3>Stored in this browser</h3>
            <StoredList models={complete} label="Models stored in this browser" onDelete={stored.remove} />
          </>
        )}
        {incomplete.length > 0 && (
          <>
            <h3>Partly downloaded</h3>
            <p className="hint">Some files of these models are kept (verified), not all: loading them needs the network for the rest.</p>
            <StoredList models={incomplete} label="Models partly stored in this browser" onDelete={stored.remove} />
          </>
        )}
      </div>
    </details>
  );
}

function StoredList({ models, label, onDelete }: { models: CachedModel[]; label: string; onDelete: (id: string) => Promise<void> }) {
  return (
    <ul className="cached-models" aria-label={label}>
      {models.map((c) => (
        <li key={c.id}>
          <span>{c.id}</span>
          <span className="hint">{formatBytes(c.bytes)}</span>
          <button type="button" aria-label={`Delete ${c.id} from this browser`} onClick={() => void onDelete(c.id)}>
            Delete
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Which files the browser will get, and how they will be checked on arrival. */
function revisionNote(id: string, revision: string, pinnedFiles: number): string {
  const checked = pinnedFiles > 0 ? `; the files it uses are checked by size and SHA-256 (${pinnedFiles} pinned)` : '; not verified (no pinned hashes)';
  return `${sourceNote(id, revision)}${checked}`;
}

function sourceNote(id: string, revision: string): string {
  if (id === BUNDLED_MODEL_ID) return 'Served by this app';
  if (!/^[0-9a-f]{40}$/.test(revision)) return `Hub revision: ${revision} (not pinned to a commit)`;
  return `Hub commit ${revision.slice(0, 7)}`;
}
