/**
 * Text embeddings kept in IndexedDB, keyed by model, precision and text, so a 1000-label preset is
 * encoded once per browser. It only ever costs speed, never a result: where IndexedDB is missing
 * (Node), refuses to open (Firefox with storage blocked throws "The operation is insecure" from
 * `indexedDB.open` itself), fails, or is taken away, callers simply find nothing stored and the
 * in-memory cache carries on.
 *
 * One connection per worker, shared by every model's cache. It steps aside for a newer version
 * of the app in another tab (closes on `versionchange`, so that tab's upgrade is not blocked), and
 * if this tab's own upgrade is blocked by an older tab, it goes on without storage rather than wait.
 */
const DB_NAME = 'clip-text-embeddings';
const DB_VERSION = 1;
const STORE = 'embeddings';

export interface StoredEmbedding {
  embedding: Float32Array;
  truncated: boolean;
}

/** What the text embedder needs from a persistent store. */
export interface StoredTexts {
  /** One entry per text, undefined where none is stored. */
  getMany(texts: string[]): Promise<(StoredEmbedding | undefined)[]>;
  /** Never fails: a store that cannot write only costs speed. */
  putMany(entries: { text: string; value: StoredEmbedding }[]): Promise<void>;
}

/** The open connection (null: no persistent storage), for the IDBFactory it came from. */
let connection: { factory: IDBFactory; db: Promise<IDBDatabase | null> } | null = null;

function database(): Promise<IDBDatabase | null> {
  const factory = typeof indexedDB === 'undefined' ? undefined : indexedDB;
  if (!factory) return Promise.resolve(null);
  if (connection?.factory !== factory) connection = { factory, db: openTextDatabase(factory) };
  return connection.db;
}

/** Forget a connection that was closed: the next use opens again (and may find a newer version). */
function forget(db: IDBDatabase): void {
  void connection?.db.then((current) => {
    if (current === db) connection = null;
  });
}

/** The database, or null where there is none to be had (exported for its tests). */
export function openTextDatabase(factory: IDBFactory, version = DB_VERSION): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(DB_NAME, version);
    } catch {
      return resolve(null); // storage blocked: "The operation is insecure" (SecurityError)
    }
    let blocked = false;
    request.onupgradeneeded = () => {
      try {
        const db = request.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
      } catch {
        request.transaction?.abort(); // the open then fails: no storage, nothing half-made
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      if (blocked) return db.close(); // opened late, once the older tab let go: this worker went on without it
      db.onversionchange = () => {
        db.close(); // a newer version in another tab wants to upgrade: let it
        forget(db);
      };
      db.onclose = () => forget(db); // the browser closed it (site data cleared)
      resolve(db);
    };
    request.onerror = () => resolve(null);
    request.onblocked = () => {
      blocked = true; // an older tab keeps an older version open: go on without storage, not wait
      resolve(null);
    };
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export class PersistentTextCache implements StoredTexts {
  /** `namespace` names the model, revision and precision: embeddings differ between them. */
  constructor(private readonly namespace: string) {
    void database(); // start opening while the model loads
  }

  private key(text: string): string {
    return `${this.namespace}\u0000${text}`;
  }

  async getMany(texts: string[]): Promise<(StoredEmbedding | undefined)[]> {
    const db = await database();
    if (!db || texts.length === 0) return texts.map(() => undefined);
    try {
      const store = db.transaction(STORE, 'readonly').objectStore(STORE);
      return await Promise.all(texts.map((text) => request(store.get(this.key(text)) as IDBRequest<StoredEmbedding | undefined>)));
    } catch {
      return texts.map(() => undefined); // closed meanwhile, no such store, a read error
    }
  }

  async putMany(entries: { text: string; value: StoredEmbedding }[]): Promise<void> {
    const db = await database();
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
