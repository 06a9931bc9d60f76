import { expect, test } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, openApp, topLabel } from './app';
import { buildManifest, cachedBuildFiles } from './serviceWorkerCache';

test('with a cached model, the app starts and classifies with the network off', async ({ page, context }) => {
  const manifest = buildManifest();
  expect(manifest.runtime.some((f) => f.endsWith('.wasm'))).toBe(true);

  // First visit, online: the worker downloads and caches the model, the service worker the app.
  await openApp(page);
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'online.png' })]);
  await expect(topLabel(page, 'online.png')).toHaveText('red circle');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The shell is cached at install, onnxruntime's WASM .wasm in the background right after;
  // its WebGPU files (27 MB) are not downloaded for a browser that runs on WASM.
  expect(manifest.webgpu.some((f) => f.endsWith('.wasm'))).toBe(true);
  await expect
    .poll(async () => (await cachedBuildFiles(page, manifest.build)).sort(), { timeout: 60_000 })
    .toEqual([...manifest.shell, ...manifest.runtime].sort());
  // Model files are the worker's business: none of them is stored twice.
  const cached = await cachedBuildFiles(page, manifest.build);
  expect(cached.filter((f) => f.startsWith('models/') || f.endsWith('.onnx'))).toEqual([]);

  await context.setOffline(true);
  // Really offline, for the page and for the service worker's own fetches.
  expect(await page.evaluate(() => fetch(`/models/clip-shapes-tiny/config.json?probe=${Date.now()}`).then(() => 'online', () => 'offline'))).toBe('offline');
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker is running');
  expect(await worker.evaluate(() => fetch(`/sw-manifest.js?probe=${Date.now()}`).then(() => 'online', () => 'offline'))).toBe('offline');

  // Requests the reload itself cancels (net::ERR_ABORTED: the old document's workers, seen once
  // for its pulse worker's script) are not losses to the network being off.
  const failed: { url: string; error: string | undefined }[] = [];
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    if (error !== 'net::ERR_ABORTED') failed.push({ url: request.url(), error });
  });
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // The app starts, the model loads from the Cache API, WASM runs, and nothing complains.
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  // Threads too: the module worker and onnxruntime's pthread workers came from the cache as well.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('backend')).toContainText(`WASM · ${cores} thread${cores === 1 ? '' : 's'}`);
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'offline.png' })]);
  await expect(topLabel(page, 'offline.png')).toHaveText('red circle');
  const status = page.getByRole('region', { name: 'Model status' });
  await expect(status.getByRole('alert')).toHaveCount(0);
  await expect(status).not.toContainText(/network|could not|unreachable/i);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  // Nothing the app itself needs was lost to the network being off.
  expect(failed.filter(({ url }) => new URL(url).pathname.startsWith('/assets/') || url.endsWith('.onnx'))).toEqual([]);
});
