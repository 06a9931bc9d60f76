/**
 * The models this browser keeps, listed again whenever a load finished (a new generation) or one
 * was deleted, with the space left. `listedFor` says which generation the list is current for, so
 * nothing is claimed about a model before its files were looked at.
 */
import { useCallback, useEffect, useState } from 'react';
import { deleteCachedModel, freeStorageBytes, listCachedModels, requestPersistentStorage, type CachedModel } from './cachedModels';

export interface StoredModels {
  models: CachedModel[];
  /** Bytes the browser still grants this site, null where it does not say. */
  freeBytes: number | null;
  /** The generation the list was made after (-1: not listed yet). */
  listedFor: number;
  remove: (id: string) => Promise<void>;
}

export function useStoredModels(generation: number): StoredModels {
  const [state, setState] = useState<Omit<StoredModels, 'remove'>>({ models: [], freeBytes: null, listedFor: -1 });
  const [deletions, setDeletions] = useState(0);

  useEffect(() => {
    let current = true;
    void Promise.all([listCachedModels().catch(() => []), freeStorageBytes()]).then(([models, freeBytes]) => {
      if (current) setState({ models, freeBytes, listedFor: generation });
    });
    return () => {
      current = false;
    };
  }, [generation, deletions]);

  useEffect(() => {
    if (generation > 0) void requestPersistentStorage();
  }, [generation]);

  const remove = useCallback(async (id: string) => {
    await deleteCachedModel(id).catch(() => undefined);
    setDeletions((n) => n + 1);
  }, []);

  return { ...state, remove };
}
