import { expect, test, type Page } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, topLabel } from './app';

const FILE = 'onnx/vision_model_quantized.onnx';
const PATTERN = `**/models/clip-shapes-tiny/${FILE}`;

/** Serves a damaged copy of the vision tower instead of the real file. */
async function damage(page: Page, how: (bytes: Buffer) => Buffer): Promise<void> {
  await page.route(PATTERN, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ status: 200, contentType: 'application/octet-stream', body: how(await response.body()) });
  });
}

async function cachedCopy(page: Page): Promise<boolean> {
  return page.evaluate(async (file) => {
    const cache = await caches.open('clip-models-v1');
    return (await cache.match(new URL(`/models/clip-shapes-tiny/${file}`, location.href).href)) !== undefined;
  }, FILE);
}

for (const [name, how, message] of [
  ['corrupted', (b: Buffer) => Buffer.from(b.map((v, i) => (i === Math.floor(b.length / 2) ? v ^ 0xff : v))), 'failed its integrity check'],
  ['truncated', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2)), 'has the wrong size'],
] as const) {
  test(`a ${name} download is an error naming the file, is not cached, and a retry works`, async ({ page }) => {
    await damage(page, how);
    await page.goto('/?model=clip-shapes-tiny&backend=wasm');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(FILE);
    await expect(alert).toContainText(message);
    expect(await cachedCopy(page)).toBe(false);

    await page.unroute(PATTERN);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
    expect(await cachedCopy(page)).toBe(true);
    await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'after-retry.png' })]);
    await expect(topLabel(page, 'after-retry.png')).toHaveText('red circle');
  });
}

test('a second visit loads the model from the browser cache without the network', async ({ page }) => {
  await page.goto('/?model=clip-shapes-tiny&backend=wasm');
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  // Every model request now fails: only the browser's cache can provide the files.
  let blocked = 0;
  await page.route('**/models/clip-shapes-tiny/**', (route) => {
    blocked++;
    return route.abort('internetdisconnected');
  });
  await page.reload();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  expect(blocked).toBe(0);
  await dropFiles(page, [await drawShape(page, 'square', COLOURS.green, { name: 'cached.png' })]);
  await expect(topLabel(page, 'cached.png')).toHaveText('green square');
  await page.getByText('Change model').click();
  await expect(page.getByRole('list', { name: 'Models stored in this browser' })).toContainText('clip-shapes-tiny');
});

test('a download can be cancelled, and a stored model deleted from the browser', async ({ page }) => {
  // Hold the vision tower back so the download is still running when Cancel is pressed.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(PATTERN, async (route) => {
    await held;
    await route.continue().catch(() => undefined);
  });
  await page.goto('/?model=clip-shapes-tiny&backend=wasm');
  await page.getByTestId('loading').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toContainText('Download of clip-shapes-tiny cancelled');
  release();
  await page.unroute(PATTERN);
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });

  await page.getByText('Change model').click();
  const stored = page.getByRole('list', { name: 'Models stored in this browser' });
  await expect(stored).toContainText('clip-shapes-tiny');
  await page.getByRole('button', { name: 'Delete clip-shapes-tiny from this browser' }).click();
  await expect(stored).toBeHidden();
  expect(await cachedCopy(page)).toBe(false);
});
