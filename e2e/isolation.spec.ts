import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, REFERRER_POLICY } from '../scripts/securityHeaders.mjs';
import { startPlainServer, type PlainServer } from './fixtures/plainServer';

// A host like GitHub Pages: dist/ served with correct MIME types but no COOP/COEP headers.
let server: PlainServer;

test.beforeAll(async () => {
  server = await startPlainServer();
});

test.afterAll(async () => {
  await server?.close();
});

test('on a host without COOP/COEP headers the service worker makes the app cross-origin isolated', async ({ page }) => {
  // Documents loaded (history.replaceState by the app is not counted, unlike 'framenavigated').
  const navigations: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations.push(request.url());
  });
  const first = await page.goto(`${server.url}/?model=clip-shapes-tiny&backend=wasm`);
  // The server really sends no isolation headers.
  expect(first?.headers()['cross-origin-embedder-policy']).toBeUndefined();
  expect(first?.headers()['cross-origin-opener-policy']).toBeUndefined();

  // Once the service worker controls the page, the page reloads itself once and is isolated.
  await expect
    .poll(() => page.evaluate(() => crossOriginIsolated && navigator.serviceWorker.controller !== null).catch(() => false), {
      timeout: 60_000,
    })
    .toBe(true);
  expect(navigations).toHaveLength(2);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');

  // ...and so is the model worker: onnxruntime gets one WASM thread per core.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('backend')).toContainText(`WASM · ${cores} thread${cores === 1 ? '' : 's'}`);

  // Later visits are isolated from the start, with no further reload.
  navigations.length = 0;
  const again = await page.reload();
  expect(again?.fromServiceWorker()).toBe(true);
  // The worker adds the app's Content-Security-Policy and Referrer-Policy too, which such a host cannot send.
  expect(again?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(again?.headers()['referrer-policy']).toBe(REFERRER_POLICY);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('backend')).toContainText(`WASM · ${cores} thread${cores === 1 ? '' : 's'}`);
  expect(navigations).toHaveLength(1);
});
