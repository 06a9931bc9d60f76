/** Reading what the service worker keeps: the build's manifest and the files in its cache. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** The build's manifest, as src/sw/manifest.ts declares it. */
export interface BuildManifest {
  build: string;
  shell: string[];
  runtime: string[];
  webgpu: string[];
}

/** What the build told the service worker to keep (dist/sw-manifest.js, written by vite.config.ts). */
export function buildManifest(): BuildManifest {
  const source = readFileSync(path.resolve('dist/sw-manifest.js'), 'utf8');
  const json: unknown = JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1));
  if (!isBuildManifest(json)) throw new Error('dist/sw-manifest.js does not hold { build, shell, runtime, webgpu }');
  return json;
}

function isBuildManifest(value: unknown): value is BuildManifest {
  if (typeof value !== 'object' || value === null) return false;
  const { build, shell, runtime, webgpu } = value as Partial<Record<keyof BuildManifest, unknown>>;
  const strings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return typeof build === 'string' && strings(shell) && strings(runtime) && strings(webgpu);
}

/** Files of this build that are in the service worker's cache. */
export function cachedBuildFiles(page: Page, build: string): Promise<string[]> {
  return page.evaluate(async (build) => {
    if (!(await caches.has(`clip-app-${build}`))) return [];
    const cache = await caches.open(`clip-app-${build}`);
    return (await cache.keys()).map((r) => new URL(r.url).pathname.slice(1));
  }, build);
}
