/** After "Don't download": nothing came from there; the ways on are the bundled or the default model. */
import { catalogEntry } from '../../clip';
import { BUNDLED_MODEL_ID, DEFAULT_MODEL_ID } from '../../clip/modelSource';
import { appState, useModelStore } from '../state';
import { bundledSource, catalogSource } from './sources';

export function DeclinedNotice() {
  const declined = useModelStore((s) => s.declined);
  const active = useModelStore((s) => s.active);
  if (!declined) return null;
  const { load } = appState.model.getState();
  const { request, assessment } = declined;
  const defaultName = catalogEntry(DEFAULT_MODEL_ID)?.name ?? DEFAULT_MODEL_ID;
  return (
    <div className="declined" role="status" data-testid="declined-notice">
      <p>
        Nothing was downloaded from {assessment.hostLabel} for {request.source.id}.
        {active ? ` Still using ${active.request.source.id}.` : ''}
      </p>
      <div className="actions">
        {active?.request.source.id !== BUNDLED_MODEL_ID && (
          <button type="button" onClick={() => void load({ source: bundledSource(), precision: 'auto' }, { consented: true })}>Use the bundled demo model</button>
        )}
        {request.source.id !== DEFAULT_MODEL_ID || assessment.trust !== 'hub' ? (
          <button type="button" onClick={() => void load({ source: catalogSource(DEFAULT_MODEL_ID), precision: 'auto' }, { consented: true })}>
            Use {defaultName} from the hub
          </button>
        ) : null}
        <button type="button" onClick={() => void load(request)}>Ask again</button>
      </div>
    </div>
  );
}
