/**
 * Text embeddings kept in IndexedDB, keyed by model, precision and text, so a 1000-label preset is
 * encoded once per browser. Failures (private mode, quota) only cost speed: callers carry on.
 * Where there is no IndexedDB (Node), it keeps nothing and finds nothing.
 */
const DB_NAME = 'clip-text-embeddings';
const STORE = 'embeddings';

export interface StoredEmbedding {
  embedding: Float32Array;
  truncated: boolean;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** What the text embedder needs from a persistent store. */
export interface StoredTexts {
  /** One entry per text, undefined where none is stored. */
  getMany(texts: string[]): Promise<(StoredEmbedding | undefined)[]>;
  /** Never fails: a store that cannot write only costs speed. */
  putMany(entries: { text: string; value: StoredEmbedding }[]): Promise<void>;
}

export class PersistentTextCache implements StoredTexts {
  private db: Promise<IDBDatabase | null>;

  /** `namespace` names the model, revision and precision: embeddings differ between them. */
  constructor(private readonly namespace: string) {
    this.db = PersistentTextCache.open();
  }

  private static open(): Promise<IDBDatabase | null> {
    if (typeof indexedDB === 'undefined') return Promise.resolve(null);
    return new Promise((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    });
  }

  private key(text: string): string {
    return `${this.namespace}\u0000${text}`;
  }

  async getMany(texts: string[]): Promise<(StoredEmbedding | undefined)[]> {
    const db = await this.db;
    if (!db || texts.length === 0) return texts.map(() => undefined);
    try {
      const store = db.transaction(STORE, 'readonly').objectStore(STORE);
      return await Promise.all(texts.map((text) => request(store.get(this.key(text)) as IDBRequest<StoredEmbedding | undefined>)));
    } catch {
      return texts.map(() => undefined);
    }
  }

  async putMany(entries: { text: string; value: StoredEmbedding }[]): Promise<void> {
    const db = await this.db;
    if (!db || entries.length === 0) return;
    try {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      for (const { text, value } of entries) store.put(value, this.key(text));
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      });
    } catch {
      // Storage full or unavailable: the in-memory cache still works.
    }
  }
}
