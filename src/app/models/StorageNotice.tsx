/**
 * Says so when the model in use is not kept in this browser: it will be downloaded again next
 * time, and a lecture without network would find it missing. The worker reports each file it could
 * not store (a full quota, no Cache API); the cache listing says whether the model is complete.
 */
import type { FileProgress } from '../../../workers/api';
import { formatBytes } from '../components/format';
import type { StoredModels } from './useStoredModels';

interface Props {
  modelId: string;
  generation: number;
  /** The load's last progress per file, with whether each was stored. */
  files: Record<string, FileProgress> | undefined;
  stored: StoredModels;
}

export function StorageNotice({ modelId, generation, files, stored }: Props) {
  if (stored.listedFor !== generation) return null; // not looked at since this model loaded
  if (stored.models.some((m) => m.id === modelId && m.complete)) return null;
  return (
    <p className="notice storage-notice" role="status" data-testid="storage-notice">
      Not stored in this browser: {reason(Object.values(files ?? {}), stored.freeBytes)} {modelId} will be downloaded again on the next visit.
    </p>
  );
}

function reason(files: FileProgress[], freeBytes: number | null): string {
  if (typeof caches === 'undefined') return 'this page is not a secure context (https), so the browser keeps no models.';
  const refused = files.filter((f) => f.storage === 'quota-exceeded');
  if (refused.length === 0) return 'its files are not all kept.';
  const needed = refused.reduce((sum, f) => sum + f.loaded, 0);
  // Some browsers report a padded estimate (Chromium: usage + 10 GB): a figure larger than what did
  // not fit would contradict the failure, so it is only shown when it explains it.
  if (freeBytes !== null && freeBytes < needed) return `${formatBytes(freeBytes)} free, ${formatBytes(needed)} needed.`;
  return `this site's storage is full (${formatBytes(needed)} did not fit).`;
}
