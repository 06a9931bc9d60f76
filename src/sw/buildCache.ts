/**
 * The caches holding the app's files, one per build, named after it. One cache per build makes an
 * update atomic: a page never gets index.html of one build with scripts of another.
 *
 * A deploy must never blank a page that is open. So a build's cache is not deleted when a newer
 * worker takes over: the tabs open at that moment may still run the old build and load its
 * lazily loaded chunks later. The worker notes those tabs (clients) when it activates and deletes
 * the other builds' caches only once none of them is left (`collectOldBuilds`). Until then
 * `matchAnyBuild` finds an old build's file by its URL (names are content-hashed: a URL always
 * means the same bytes, whichever build's cache holds it).
 */
import { MANIFEST } from './manifest';
import { sw, urls } from './scope';

/** Every build cache this worker ever made starts with this; other caches (models) are not ours. */
const PREFIX = 'clip-app-';
export const CACHE = PREFIX + MANIFEST.build;
/** The worker's own notes (not a build: never starts with PREFIX). */
const META = 'clip-sw-meta';
const OLD_CLIENTS = new URL('old-build-clients', urls.absolute('./')).href;

/**
 * Caches index.html, JS and CSS. Only this small shell blocks installation, so a first visit to
 * a header-less host gets its isolation reload quickly; the .wasm runtime follows in warm().
 */
export async function precacheShell(): Promise<void> {
  const cache = await caches.open(CACHE);
  // 'no-cache': never take index.html from a stale HTTP cache (it must match this build).
  await cache.addAll(MANIFEST.shell.map((file) => new Request(urls.absolute(file), { cache: 'no-cache' })));
}

/** A build file from this build's cache, else from any earlier build's still kept. */
export async function matchAnyBuild(request: Request): Promise<Response | undefined> {
  // ignoreVary: servers send `Vary: Origin`, and page requests (crossorigin scripts) carry an
  // Origin header the precache requests lack; a hashed file is the same bytes either way.
  const options: CacheQueryOptions = { ignoreSearch: true, ignoreVary: true };
  const own = await (await caches.open(CACHE)).match(request, options);
  if (own) return own;
  for (const name of await otherBuilds()) {
    const hit = await (await caches.open(name)).match(request, options);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * On activation: every page open now may run an earlier build. Noted (with those noted before
 * and still open), so their builds' caches are kept until they are gone.
 */
export async function noteOldBuildClients(): Promise<void> {
  const open = await openClientIds();
  const before = await readOldClients();
  const still = [...new Set([...before, ...open])].filter((id) => open.has(id));
  await writeOldClients(still);
}

/** Deletes the earlier builds' caches once no page that may use them is open any more. */
export async function collectOldBuilds(): Promise<void> {
  const noted = await readOldClients();
  if (noted.length > 0) {
    const open = await openClientIds();
    const remaining = noted.filter((id) => open.has(id));
    if (remaining.length !== noted.length) await writeOldClients(remaining);
    if (remaining.length > 0) return;
  }
  await Promise.all((await otherBuilds()).map((name) => caches.delete(name)));
}

/**
 * Caches every file of this build that is not cached yet: the runtime files used offline, and
 * with `webgpu` the WebGPU runtime (27 MB: only for browsers with a real GPU, which will use it).
 */
export async function warm(webgpu = false): Promise<void> {
  const cache = await caches.open(CACHE);
  for (const file of [...MANIFEST.shell, ...MANIFEST.runtime, ...(webgpu ? MANIFEST.webgpu : [])]) {
    const url = urls.absolute(file);
    if (await cache.match(url, { ignoreVary: true })) continue;
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (response.ok) await cache.put(url, response);
    } catch {
      return; // offline or the server went away: try again on the next visit
    }
  }
}

async function otherBuilds(): Promise<string[]> {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

async function openClientIds(): Promise<Set<string>> {
  const clients = await sw.clients.matchAll({ type: 'all', includeUncontrolled: true });
  return new Set(clients.map((client) => client.id));
}

async function readOldClients(): Promise<string[]> {
  const hit = await (await caches.open(META)).match(OLD_CLIENTS);
  if (!hit) return [];
  const ids: unknown = await hit.json().catch(() => []);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

async function writeOldClients(ids: string[]): Promise<void> {
  const meta = await caches.open(META);
  if (ids.length === 0) await meta.delete(OLD_CLIENTS);
  else await meta.put(OLD_CLIENTS, new Response(JSON.stringify(ids), { headers: { 'Content-Type': 'application/json' } }));
}
