/**
 * A student's laptop opening the lecturer's plain-HTTP address: not a secure context, so no
 * `crypto.subtle`, no Cache API, no service worker. The bundled model still loads with its pinned
 * hashes checked (SHA-256 in JavaScript), a corrupted file is still caught, and images classify.
 * `classroom.test` is mapped to 127.0.0.1 (loopback only): any name but localhost is insecure.
 */
import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import type { FaultyServer } from '../workers/testing/faultyServer';
import { COLOURS, drawShape, dropFiles, topLabel } from './app';
import { BUNDLED_PATH, startAppServer, VISION_FILE } from './fixtures/appServer';

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, '--host-resolver-rules=MAP classroom.test 127.0.0.1'] } });

let server: FaultyServer;
test.beforeAll(async () => {
  server = await startAppServer();
});
test.afterAll(() => server.close());

test('over plain HTTP on a LAN name, the bundled model is verified, a corrupted file is caught, and images classify', async ({ page }) => {
  const origin = `http://classroom.test:${new URL(server.url).port}`;
  server.fault(`${BUNDLED_PATH}${VISION_FILE}`, { corrupt: 400_000 });
  await page.goto(`${origin}/?model=clip-shapes-tiny&backend=wasm`);
  expect(await page.evaluate(() => ({ secure: isSecureContext, subtle: typeof crypto.subtle, caches: typeof caches }))).toEqual({
    secure: false,
    subtle: 'undefined',
    caches: 'undefined',
  });

  // The pin is checked without crypto.subtle: a wrong byte is an integrity error, not a TypeError.
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`${VISION_FILE} failed its integrity check`, { timeout: 60_000 });
  await expect(alert).not.toContainText(/TypeError|undefined/);

  server.clearFaults();
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'insecure.png' })]);
  await expect(topLabel(page, 'insecure.png')).toHaveText('red circle');
  // Nothing can be kept here, and the app says so rather than pretending.
  await expect(page.getByTestId('storage-notice')).toContainText('not a secure context');
});
