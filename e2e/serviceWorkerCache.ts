/** Reading what the service worker keeps: the build's manifest and the files in its cache. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** What the build told the service worker to keep (dist/sw-manifest.js, written by vite.config.ts). */
export function buildManifest(): { build: string; shell: string[]; runtime: string[]; webgpu: string[] } {
  const source = readFileSync(path.resolve('dist/sw-manifest.js'), 'utf8');
  return JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1));
}

/** Files of this build that are in the service worker's cache. */
export function cachedBuildFiles(page: Page, build: string): Promise<string[]> {
  return page.evaluate(async (build) => {
    if (!(await caches.has(`clip-app-${build}`))) return [];
    const cache = await caches.open(`clip-app-${build}`);
    return (await cache.keys()).map((r) => new URL(r.url).pathname.slice(1));
  }, build);
}
