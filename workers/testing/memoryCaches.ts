/**
 * The Cache API as Node tests need it: `caches.open(name)` with match, put, delete and keys, kept in
 * memory, with an optional quota that fails a put the way browsers do (QuotaExceededError). A fake
 * at a true boundary (the browser's storage), so the worker's real caching code runs in Node.
 */
export class MemoryCacheStorage {
  readonly stores = new Map<string, MemoryCache>();

  constructor(private readonly quotaBytes = Infinity) {}

  open(name: string): Promise<MemoryCache> {
    let cache = this.stores.get(name);
    if (!cache) {
      cache = new MemoryCache(() => this.usedBytes(), this.quotaBytes);
      this.stores.set(name, cache);
    }
    return Promise.resolve(cache);
  }

  usedBytes(): number {
    return [...this.stores.values()].reduce((sum, cache) => sum + cache.bytes(), 0);
  }
}

interface Entry {
  body: Uint8Array;
  headers: [string, string][];
}

export class MemoryCache {
  readonly entries = new Map<string, Entry>();

  constructor(
    private readonly used: () => number,
    private readonly quotaBytes: number,
  ) {}

  match(request: RequestInfo | URL): Promise<Response | undefined> {
    const entry = this.entries.get(key(request));
    return Promise.resolve(entry && new Response(entry.body.slice(), { headers: entry.headers }));
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    const body = new Uint8Array(await response.arrayBuffer());
    const replaced = this.entries.get(key(request))?.body.byteLength ?? 0;
    if (this.used() - replaced + body.byteLength > this.quotaBytes) throw new DOMException('Quota exceeded.', 'QuotaExceededError');
    this.entries.set(key(request), { body, headers: [...response.headers.entries()] });
  }

  delete(request: RequestInfo | URL): Promise<boolean> {
    return Promise.resolve(this.entries.delete(key(request)));
  }

  keys(): Promise<Request[]> {
    return Promise.resolve([...this.entries.keys()].map((url) => new Request(url)));
  }

  bytes(): number {
    return [...this.entries.values()].reduce((sum, entry) => sum + entry.body.byteLength, 0);
  }
}

function key(request: RequestInfo | URL): string {
  return typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;
}
