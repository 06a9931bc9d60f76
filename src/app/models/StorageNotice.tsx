/**
 * Says so when the model in use is not kept in this browser (the quota refused its files, storage
 * is blocked, or the page is not a secure context): it will be downloaded again next time, and a
 * lecture without network would find it missing.
 */
import { formatBytes } from '../components/format';
import type { StoredModels } from './useStoredModels';

export function StorageNotice({ modelId, generation, stored }: { modelId: string; generation: number; stored: StoredModels }) {
  if (stored.listedFor !== generation) return null; // not looked at since this model loaded
  if (stored.models.some((m) => m.id === modelId && m.complete)) return null;
  const reason =
    typeof caches === 'undefined'
      ? 'this page is not a secure context (https), so the browser keeps no models'
      : stored.freeBytes !== null
        ? `${formatBytes(stored.freeBytes)} free`
        : 'the browser refused to store it';
  return (
    <p className="notice storage-notice" role="status" data-testid="storage-notice">
      Not stored in this browser: {reason}. {modelId} will be downloaded again on the next visit.
    </p>
  );
}
