/**
 * Choosing a model: what it costs to download and how good it is (ImageNet zero-shot top-1 from
 * its paper), before anything is downloaded; and the models this browser already keeps.
 */
import { useEffect, useState } from 'react';
import { CATALOG, catalogEntry, downloadSize, towerPrecisions } from '../../clip';
import { BUNDLED_MODEL_ID, HUB_HOST, type ModelSource } from '../../clip/modelSource';
import { bundledHost } from '../state/appParams';
import { useModelStore } from '../state/modelStore';
import { formatBytes } from '../components/format';
import { deleteCachedModel, listCachedModels, requestPersistentStorage, type CachedModel } from './cachedModels';

function sourceFor(id: string): ModelSource {
  const entry = catalogEntry(id);
  return { id, host: id === BUNDLED_MODEL_ID ? bundledHost() : HUB_HOST, revision: entry?.revision ?? 'main' };
}

export function ModelPicker() {
  const { source, status, info, load } = useModelStore();
  const [choice, setChoice] = useState(source.id);
  const [cached, setCached] = useState<CachedModel[]>([]);
  const generation = useModelStore((s) => s.generation);

  useEffect(() => {
    void listCachedModels().then(setCached).catch(() => setCached([]));
    if (generation > 0) void requestPersistentStorage();
  }, [generation]);

  const entry = catalogEntry(choice);
  const backend = info?.backend ?? 'wasm';
  const precisions = towerPrecisions(choice, backend, info?.precision ?? 'fp32');
  const size = entry ? downloadSize(entry, precisions) : 0;
  const cachedEntry = cached.find((c) => c.id === choice);

  return (
    <details className="model-picker">
      <summary>Change model</summary>
      <div className="model-picker-body">
        <label htmlFor="model-select">Model</label>
        <select id="model-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {CATALOG.map((m) => (
            <option key={m.id} value={m.id}>{m.name}</option>
          ))}
          {!catalogEntry(source.id) && <option value={source.id}>{source.id}</option>}
        </select>
        {entry && (
          <p className="model-facts" data-testid="model-facts">
            {entry.description}
            <br />
            {entry.imagenetTop1 !== null ? `ImageNet zero-shot top-1: ${entry.imagenetTop1}% · ` : ''}
            {size > 0 ? `download ≈ ${formatBytes(size)} on ${backend === 'webgpu' ? 'WebGPU' : 'WASM'}` : 'ships with the app'}
            {cachedEntry ? ` · stored in this browser (${formatBytes(cachedEntry.bytes)})` : ''}
            <br />
            {revisionNote(entry.id, entry.revision, Object.keys(entry.integrity ?? {}).length)}
          </p>
        )}
        <button type="button" className="primary" disabled={status === 'loading' || (choice === source.id && status === 'ready')} onClick={() => void load(sourceFor(choice))}>
          {cachedEntry ? 'Use this model' : 'Download and use'}
        </button>
        {cached.length > 0 && (
          <>
            <h3>Stored in this browser</h3>
            <ul className="cached-models" aria-label="Models stored in this browser">
              {cached.map((c) => (
                <li key={c.id}>
                  <span>{c.id}</span>
                  <span className="hint">{formatBytes(c.bytes)}</span>
                  <button type="button" aria-label={`Delete ${c.id} from this browser`} onClick={() => void deleteCachedModel(c.id).then(listCachedModels).then(setCached)}>
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </details>
  );
}

/** Which files the browser will get, and how they are checked on arrival. */
function revisionNote(id: string, revision: string, pinnedFiles: number): string {
  const checked = pinnedFiles > 0 ? `; ${pinnedFiles} files checked by size and SHA-256` : '';
  if (id === BUNDLED_MODEL_ID) return `Served by this app${checked}`;
  if (!/^[0-9a-f]{40}$/.test(revision)) return `Hub revision: ${revision} (not pinned to a commit)`;
  return `Hub commit ${revision.slice(0, 7)}${checked}`;
}
