/**
 * The cache holding this build's app files, named after the build. One cache per build makes an
 * update atomic: a page never gets index.html of one build with scripts of another.
 */
import { MANIFEST } from './manifest';
import { urls } from './scope';

/** Every cache this worker ever made starts with this; other caches (models) are not ours. */
const PREFIX = 'clip-app-';
export const CACHE = PREFIX + MANIFEST.build;

/**
 * Caches index.html, JS and CSS. Only this small shell blocks installation, so a first visit to
 * a header-less host gets its isolation reload quickly; the .wasm runtime follows in warm().
 */
export async function precacheShell(): Promise<void> {
  const cache = await caches.open(CACHE);
  // 'no-cache': never take index.html from a stale HTTP cache (it must match this build).
  await cache.addAll(MANIFEST.shell.map((file) => new Request(urls.absolute(file), { cache: 'no-cache' })));
}

/**
 * Deletes the caches of earlier builds. Runs on activation, which skipWaiting() makes immediate:
 * a tab still showing an earlier build then gets its not-yet-loaded files from the network only
 * (a gap to close by keeping old caches until no page uses them).
 */
export async function deleteOtherBuilds(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
}

/** Caches every file of this build that is not cached yet (the runtime files used offline). */
export async function warm(): Promise<void> {
  const cache = await caches.open(CACHE);
  for (const file of [...MANIFEST.shell, ...MANIFEST.runtime]) {
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
