/**
 * A deploy never blanks a page. Two builds of the app (the second built unminified, so every
 * file name differs), a host that swaps one for the other while tabs are open and that is slow,
 * several runs: the open tab still loads its lazily loaded view, a tab opened during the deploy
 * shows the app, the new build is offered ("Update ready — Reload") instead of taking over, the
 * reloaded tab runs the new build while the other keeps working on the old one, and no asset
 * request ever gets a 404.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startDeployServer, type DeployServer } from './fixtures/deployServer';

const QUERY = '/?model=clip-shapes-tiny&backend=wasm';
/** The delay of every response after the deploy, per run: fast, slow, slower than the worker's 3 s navigation timeout. */
const DELAYS_MS = [0, 1500, 4000];

let folder: string;
let server: DeployServer;
let entryOf: Record<'a' | 'b', string>;

/** The build's entry script, as its index.html names it. */
function entryScript(root: string): string {
  const match = /src="\/(assets\/index-[^"]+\.js)"/.exec(readFileSync(path.join(root, 'index.html'), 'utf8'));
  if (!match?.[1]) throw new Error(`no entry script in ${root}/index.html`);
  return match[1];
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  folder = mkdtempSync(path.join(tmpdir(), 'clip-deploy-'));
  const a = path.join(folder, 'a');
  const b = path.join(folder, 'b');
  cpSync(path.resolve('dist'), a, { recursive: true });
  execFileSync('npx', ['vite', 'build', '--minify', 'false', '--outDir', b, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  entryOf = { a: entryScript(a), b: entryScript(b) };
  expect(entryOf.a).not.toBe(entryOf.b);
  server = await startDeployServer({ a, b });
});

test.afterAll(async () => {
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The app is on screen, not a blank page: the title and the model status. */
async function expectApp(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'CLIP in your browser' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 90_000 });
}

async function runningBuild(page: Page): Promise<'a' | 'b'> {
  const src = await page.locator('script[src*="assets/index-"]').getAttribute('src');
  return src?.endsWith(entryOf.b) ? 'b' : 'a';
}

async function openInsights(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Insights', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Matrix', exact: true })).toBeVisible({ timeout: 60_000 });
}

for (const [run, delayMs] of DELAYS_MS.entries()) {
  test(`run ${run + 1}: a deploy with responses delayed ${delayMs} ms blanks no page and 404s no asset`, async ({ browser }) => {
    test.setTimeout(240_000);
    server.deploy('a');
    server.delayMs = 0;
    server.log.length = 0;
    const context = await browser.newContext({ baseURL: server.url });
    const errors: string[] = [];
    const first = await context.newPage();
    first.on('pageerror', (error) => errors.push(`first tab: ${error.message}`));
    await first.goto(QUERY);
    await expectApp(first);
    await first.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    expect(await runningBuild(first)).toBe('a');

    // The deploy, on a slow network.
    server.deploy('b');
    server.delayMs = delayMs;

    // A tab opened now shows the app (the old build from the cache, or the new one), and its
    // page load makes the browser find the new build's service worker.
    const second = await context.newPage();
    second.on('pageerror', (error) => errors.push(`second tab: ${error.message}`));
    await second.goto(QUERY);
    await expectApp(second);

    // The new build is offered, not forced: the first tab still runs the old one...
    await expect(first.getByTestId('update-prompt')).toContainText('Update ready', { timeout: 90_000 });
    expect(await runningBuild(first)).toBe('a');
    // The lesson goes on for a moment (a worker that took over by itself would have done so,
    // and dropped the old build's files, by now)...
    await first.waitForFunction(
      async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return registration !== undefined && registration.installing === null;
      },
      undefined,
      { timeout: 90_000 },
    );
    await first.waitForTimeout(2000);
    // ...when the first tab loads its lazily loaded view: its own build's file, gone from the server.
    await openInsights(first);
    await first.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => runningBuild(first), { timeout: 90_000 }).toBe('b');
    await expectApp(first);
    await openInsights(first);

    // The second tab keeps working on whichever build it runs, lazily loaded view included.
    await openInsights(second);
    await expectApp(second);

    const missing = server.log.filter((entry) => entry.status === 404 && entry.path.startsWith('/assets/'));
    expect(missing).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
}
