/**
 * Trust no link blindly: the app runs under its strict Content-Security-Policy with no violation
 * through a whole lesson (load, drop, camera, insights, share), and a link naming another model
 * host, or a large precision, asks first and requests nothing from there until the user agrees.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { COLOURS, drawShape, dropFiles, setLabels, topLabel } from './app';
import { watchCsp } from './csp';
import { writeY4m } from './fixtures/y4m';

const video = join(tmpdir(), 'clip-e2e-security-camera.y4m');
writeY4m(video, [{ shape: 'circle', rgb: [224, 27, 27], frames: 20 }]);

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
});

/** Requests to a host, fulfilled by nobody: a request that reaches here is a failure of the test. */
async function recordRequests(page: Page, pattern: string): Promise<string[]> {
  const seen: string[] = [];
  await page.route(pattern, (route) => {
    seen.push(route.request().url());
    return route.abort('connectionrefused');
  });
  return seen;
}

test('the whole lesson runs under the strict policy with no violation', async ({ page }) => {
  const csp = await watchCsp(page);
  const response = await page.goto('/?model=clip-shapes-tiny&backend=wasm');
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("default-src 'none'");
  expect(headers['referrer-policy']).toBe('no-referrer');
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });

  await setLabels(page, ['red circle', 'blue square', 'green star']);
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'red-circle.png' }), await drawShape(page, 'square', COLOURS.blue, { name: 'blue-square.png' })]);
  await expect(topLabel(page, 'red-circle.png')).toHaveText('red circle');
  await expect(topLabel(page, 'blue-square.png')).toHaveText('blue square');

  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('live-labels').locator('.scores li.top .score-label')).toHaveText('red circle');
  await page.getByRole('button', { name: 'Add snapshot to gallery' }).click();
  await page.getByRole('button', { name: 'Stop camera' }).click();

  await page.getByRole('tab', { name: 'Insights', exact: true }).click();
  await expect(page.getByTestId('similarity-matrix')).toBeVisible();
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  await expect(page.getByTestId('embedding-map')).toBeVisible();

  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('img', { name: 'QR code of the link' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();

  expect(await csp.violations()).toEqual([]);
});

test('a link naming another host asks first, names it, and nothing is requested from it', async ({ page }) => {
  const foreign = await recordRequests(page, 'https://example.invalid/**');
  const hub = await recordRequests(page, 'https://huggingface.co/**');
  await page.goto('/?host=https://example.invalid&labels=cat%0Adog');
  const dialog = page.getByRole('dialog', { name: /Download CLIP ViT-B\/32/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('consent-host')).toHaveText('https://example.invalid');
  await expect(dialog.getByTestId('consent-size')).toHaveText('≈ 146.5 MB');
  await expect(dialog).toContainText('neither the Hugging Face hub nor this app');
  // The safe choice has the focus; Escape is "Don't download".
  await expect(dialog.getByRole('button', { name: "Don't download" })).toBeFocused();

  // The share link does not pass the host on, while the question is open or after it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('declined-notice')).toContainText('Nothing was downloaded from https://example.invalid');
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByTestId('share-url')).not.toHaveValue(/example\.invalid/);
  await page.getByRole('button', { name: 'Close' }).click();

  // Declining offers the bundled model, which works.
  await page.getByRole('button', { name: 'Use the bundled demo model' }).click();
  await expect(page.getByTestId('verification')).toHaveText('✓ 6 of 6 files checked by SHA-256', { timeout: 60_000 });
  expect(foreign).toEqual([]);
  expect(hub).toEqual([]);
});

test('agreeing to another host still meets the policy: the browser refuses to connect there', async ({ page }) => {
  const csp = await watchCsp(page);
  const foreign = await recordRequests(page, 'https://example.invalid/**');
  await page.goto('/?model=clip-shapes-tiny&host=https://example.invalid/models');
  const dialog = page.getByRole('dialog', { name: /Download Shapes demo/ });
  await dialog.getByRole('button', { name: 'Download from https://example.invalid' }).click();
  await expect(page.getByRole('alert')).toContainText('could not be loaded', { timeout: 30_000 });
  expect(foreign).toEqual([]);
  await expect.poll(async () => (await csp.violations()).join('\n')).toContain('connect-src blocked https://example.invalid');
});

test('a link forcing a large precision asks with the size; unverified revisions say "not verified"', async ({ page }) => {
  const hub = await recordRequests(page, 'https://huggingface.co/**');
  await page.goto('/?precision=fp32');
  const dialog = page.getByRole('dialog', { name: /Download CLIP ViT-B\/32/ });
  await expect(dialog.getByTestId('consent-size')).toHaveText('≈ 577.7 MB');
  await expect(dialog).toContainText('downloads more than 250 MB');
  await dialog.getByRole('button', { name: "Don't download" }).click();

  await page.goto('/?revision=main');
  await expect(page.getByTestId('consent-verification')).toHaveText('not verified (no SHA-256 check)');
  await expect(page.getByRole('dialog')).toContainText('not verified');
  expect(hub).toEqual([]);
});
