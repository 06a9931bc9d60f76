/**
 * Model downloads on bad networks, against the built app served by a local server that misbehaves
 * on request: a connection dropped mid-file is resumed with Range; a busy server (429) is waited
 * for, visibly; a truncated response is never kept and Retry downloads it again; a tiny storage
 * quota is reported and the model still works; IndexedDB refusing to open costs no results.
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import type { FaultyServer } from '../workers/testing/faultyServer';
import { COLOURS, drawShape, dropFiles, setLabels, topLabel } from './app';
import { BUNDLED_PATH, startAppServer, UNPINNED_ID, UNPINNED_PATH, VISION_FILE } from './fixtures/appServer';

const SHAPES = ['red circle', 'blue square', 'green triangle', 'yellow star', 'purple heart', 'orange cross'];

let server: FaultyServer;
test.beforeAll(async () => {
  server = await startAppServer();
});
test.afterAll(() => server.close());
test.beforeEach(() => {
  server.clearFaults();
  server.requests.length = 0;
});

async function classifiesRedCircle(page: Page, name: string): Promise<void> {
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name })]);
  await expect(topLabel(page, name)).toHaveText('red circle');
}

/** The model files this browser keeps for a model id (Cache API), by URL path. */
function cachedPaths(page: Page, prefix: string): Promise<string[]> {
  return page.evaluate(async (prefix) => {
    const cache = await caches.open('clip-models-v1');
    return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith(prefix));
  }, prefix);
}

test('a download whose connection drops mid-file resumes where it stopped (HTTP Range), and the model works', async ({ page }) => {
  const path = `${BUNDLED_PATH}${VISION_FILE}`;
  // Cut a second after the bytes went out: the worker has read them all by then (a browser drops
  // what a stream's reader had not taken when the connection fails).
  server.fault(path, { drop: 300_000, afterMs: 1000 });
  await page.goto(`${server.url}/?model=clip-shapes-tiny&backend=wasm`);
  await expect(page.getByTestId('download-state')).toContainText('connection lost, resuming at 293.0 KB');
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });

  const requests = server.requests.filter((r) => r.path === path);
  expect(requests.map((r) => [r.range, r.status])).toEqual([
    [null, 0], // cut after 300 000 bytes
    ['bytes=300000-', 206],
  ]);
  expect(requests[1]?.ifRange).toMatch(/^".+"$/); // the rest only if the file is still the same
  await classifiesRedCircle(page, 'resumed.png');
});

test('a busy server (429 with Retry-After) is waited for, saying so, then the model loads', async ({ page }) => {
  const path = `${BUNDLED_PATH}config.json`;
  server.fault(path, { status: 429, headers: { 'Retry-After': '3' } });
  await page.goto(`${server.url}/?model=clip-shapes-tiny&backend=wasm`);
  await expect(page.getByTestId('download-state')).toContainText(/waiting [23] s, the server is busy/);
  await expect(page.getByRole('list', { name: 'Downloads' })).toContainText(/config\.json\s*.*waiting [123] s, the server is busy/);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  expect(server.requests.filter((r) => r.path === path).map((r) => r.status)).toEqual([429, 200]);
  await classifiesRedCircle(page, 'after-429.png');
});

test('a truncated response without a length is never kept: an error names the file, and Retry downloads it again', async ({ page }) => {
  const path = `${UNPINNED_PATH}${VISION_FILE}`;
  server.fault(path, { truncate: 200_000 }, Infinity); // chunked, ends cleanly: nothing says it is short
  await page.goto(`${server.url}/?model=${UNPINNED_ID}&host=/models&backend=wasm`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(VISION_FILE, { timeout: 60_000 });
  await expect(alert).toContainText('could not be loaded by onnxruntime');
  expect(await cachedPaths(page, UNPINNED_PATH)).toEqual([]); // not even the files that were fine

  server.clearFaults(); // the server is fixed
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  // Fetched again from the server, not answered from the browser's HTTP cache with the bad copy.
  expect(server.requests.filter((r) => r.path === path).map((r) => r.status)).toEqual([200, 200]);
  expect((await cachedPaths(page, UNPINNED_PATH)).sort()).toEqual(
    ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/text_model_quantized.onnx', VISION_FILE].map((f) => `${UNPINNED_PATH}${f}`).sort(),
  );
  await setLabels(page, SHAPES);
  await classifiesRedCircle(page, 'after-retry.png');
});

test('an unpinned model following `main` is revalidated with its ETag on the next visit (304: the kept copy)', async ({ page }) => {
  await page.goto(`${server.url}/?model=${UNPINNED_ID}&host=/models&backend=wasm`);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  server.requests.length = 0;
  await page.reload();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  const model = server.requests.filter((r) => r.path.startsWith(UNPINNED_PATH));
  expect(model.length).toBe(6);
  expect(model.every((r) => r.ifNoneMatch?.startsWith('"') && r.status === 304)).toBe(true);
  await setLabels(page, SHAPES);
  await classifiesRedCircle(page, 'revalidated.png');
});

test('a storage quota too small for the model is reported, and the model still works', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 400 * 1024 });
  await page.goto(`${server.url}/?model=clip-shapes-tiny&backend=wasm`);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  // The worker's writes failed with QuotaExceededError. Chromium's estimate() pads the quota
  // (usage + 10 GB, whatever the override), so the notice gives what did not fit instead.
  await expect(page.getByTestId('storage-notice')).toContainText(
    /^Not stored in this browser: (this site's storage is full \([\d.]+ (KB|MB) did not fit\)|[\d.]+ (B|KB) free, [\d.]+ (KB|MB) needed)\. clip-shapes-tiny will be downloaded again/,
  );
  await classifiesRedCircle(page, 'no-room.png');

  await page.getByText('Change model').click();
  await expect(page.getByTestId('model-facts')).not.toContainText('stored in this browser');
  await expect(page.getByRole('list', { name: 'Models stored in this browser' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Download and use' })).toBeVisible();
});

test('with IndexedDB refusing to open ("The operation is insecure"), labels are still encoded and images ranked', async ({ page }) => {
  // What Firefox does with storage blocked: indexedDB.open itself throws. Init scripts do not reach
  // workers, so the worker's script gets the same lines in front of it (Playwright's advice).
  const refuse = `(() => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function () {
      self.__idbRefused = (self.__idbRefused ?? 0) + 1;
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    void open;
  })();\n`;
  await page.addInitScript(refuse);
  await page.route('**/assets/clip.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: refuse + (await response.text()) });
  });
  await page.goto(`${server.url}/?model=clip-shapes-tiny&backend=wasm`);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await classifiesRedCircle(page, 'no-indexeddb.png');
  await dropFiles(page, [await drawShape(page, 'square', COLOURS.blue, { name: 'blue.png' })]);
  await expect(topLabel(page, 'blue.png')).toHaveText('blue square');

  // The refusal did happen where the embeddings are kept: in the CLIP worker. (onnxruntime's
  // thread workers run the same script and may be parked in Atomics.wait: they are not waited for.)
  const count = (w: Worker) => w.evaluate(() => (self as unknown as { __idbRefused?: number }).__idbRefused ?? 0);
  const refused = await Promise.all(page.workers().map((w) => Promise.race([count(w), new Promise<number>((r) => setTimeout(() => r(0), 2000))])));
  expect(Math.max(0, ...refused)).toBeGreaterThan(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
