/**
 * Screenshots of the real app for the docs (`npm run docs:screenshots`): the built app, driven by
 * Playwright as in the end-to-end tests, pictures written to `docs/`. Not part of `npm test`.
 */
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

const root = join(import.meta.dirname, '../..');
const server = Array.isArray(base.webServer) ? base.webServer[0] : base.webServer;

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.shots.ts',
  outputDir: join(root, 'test-results/docs-screenshots'),
  // The preview server serves the repository's dist/, wherever this config lives.
  webServer: server && { ...server, cwd: root },
});
