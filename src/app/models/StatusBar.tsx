/** Which model runs where, download progress, and what went wrong with loading. */
import { appState, useModelStore } from '../state';
import { BackendBadge } from './BackendBadge';
import { BackendPicker } from './BackendPicker';
import { ConsentDialog } from './ConsentDialog';
import { DeclinedNotice } from './DeclinedNotice';
import { LoadError } from './LoadError';
import { FileProgressList, LoadProgress } from './LoadProgress';
import { ModelPicker } from './ModelPicker';
import { StorageNotice } from './StorageNotice';
import { useStoredModels } from './useStoredModels';
import { StartNotice } from './StartNotice';
import { VerificationBadge } from './VerificationBadge';
import { WorkerHealthMessage, WorkerStateBadge } from './WorkerHealth';

export function StatusBar() {
  const active = useModelStore((s) => s.active);
  const pending = useModelStore((s) => s.pending);
  const failure = useModelStore((s) => s.failure);
  const notice = useModelStore((s) => s.notice);
  const stored = useStoredModels(active?.model.generation ?? 0);
  const worker = useModelStore((s) => s.worker.state);
  const shownId = (pending ?? active)?.request.source.id ?? failure?.request.source.id ?? appState.initialRequest.source.id;
  return (
    <section className="status" aria-label="Model status">
      <div className="status-line">
        <span className="model-name" title={(pending ?? active)?.request.source.host}>{shownId}</span>
        {worker !== 'running' && <WorkerStateBadge state={worker} />}
        {active && !pending && worker === 'running' && <BackendBadge model={active.model} />}
        {active && !pending && worker === 'running' && <VerificationBadge model={active.model} />}
        {pending && <LoadProgress pending={pending} stillUsing={active?.request.source.id ?? null} />}
        <BackendPicker />
      </div>
      {pending && <FileProgressList pending={pending} />}
      <ModelPicker stored={stored} />
      {notice && <p className="notice" role="status" data-testid="backend-notice">{notice}</p>}
      <WorkerHealthMessage />
      {active && !pending && <StorageNotice modelId={active.request.source.id} generation={active.model.generation} files={active.files} stored={stored} />}
      <StartNotice />
      {failure && !pending && <LoadError failure={failure} stillUsing={active?.request.source.id ?? null} />}
      <DeclinedNotice />
      <ConsentDialog />
    </section>
  );
}
