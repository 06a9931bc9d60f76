import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { COLOURS, drawShape, dropFiles, openApp, topLabel } from './app';
import { classroomResolverArgs } from './fixtures/classroomServer';
import { buildManifest, cachedBuildFiles } from './serviceWorkerCache';

// Every name but loopback fails to resolve: a plain URL (whose default is a hub model) sends
// nothing off this machine, and the hub is "unreachable" as from a lecture hall without uplink.
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, ...classroomResolverArgs] } });

const status = (page: Page) => page.getByRole('region', { name: 'Model status' });

test('a reload keeps the gallery, the open view and the precision; a plain visit the model; Clear empties the gallery', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'kept.png' }), await drawShape(page, 'heart', COLOURS.purple, { name: 'also.png' })]);
  await expect(topLabel(page, 'kept.png')).toHaveText('red circle');
  await expect(page.getByTestId('gallery-keeping')).toHaveText('Kept in this browser only.');
  await page.getByLabel('Precision').selectOption('fp32');
  await expect(page.getByTestId('backend')).toContainText('fp32', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Insights' }).click();
  await expect(page).toHaveURL(/view=insights/);
  await expect(page).toHaveURL(/precision=fp32/);

  await page.reload();
  await expect(page.getByTestId('backend')).toContainText('fp32', { timeout: 60_000 });
  await expect(page.getByRole('tab', { name: 'Insights' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Images' }).click();
  await expect(page.getByTestId('result')).toHaveCount(2);
  await expect(topLabel(page, 'kept.png')).toHaveText('red circle'); // embedded again by the model in use
  await expect(topLabel(page, 'also.png')).toHaveText('purple heart');
  // Same order as before the reload: the newest first.
  await expect(page.getByTestId('result').locator('.file-name')).toHaveText(['also.png', 'kept.png']);

  // The plain address (a bookmark, a QR code) opens the last model that worked, at its precision.
  await page.goto('/');
  await expect(page.getByTestId('backend')).toContainText('fp32', { timeout: 60_000 });
  await expect(status(page).locator('.model-name')).toHaveText('clip-shapes-tiny');
  await expect(status(page).getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('result')).toHaveCount(2);
  await expect(topLabel(page, 'kept.png')).toHaveText('red circle');
  // Loaded as asked, not as a fallback after trying the default hub model.
  await expect(page.getByTestId('start-notice')).toHaveCount(0);

  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByTestId('result')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('No images yet.')).toBeVisible();
  await expect(page.getByTestId('result')).toHaveCount(0);
});

test('offline, a link to a model that is not stored starts with a stored one, without a click, and says so', async ({ page, context }) => {
  const manifest = buildManifest();
  await openApp(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect
    .poll(async () => (await cachedBuildFiles(page, manifest.build)).sort(), { timeout: 60_000 })
    .toEqual([...manifest.shell, ...manifest.runtime].sort());

  await context.setOffline(true);
  await page.goto('/?model=Xenova/clip-vit-base-patch32');
  const notice = page.getByTestId('start-notice');
  await expect(notice).toHaveText(/You are offline and CLIP ViT-B\/32 is not stored in this browser: using the bundled demo model \(coloured shapes\), stored in this browser, instead\./, { timeout: 60_000 });
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await expect(status(page).getByRole('alert')).toHaveCount(0);
  await dropFiles(page, [await drawShape(page, 'triangle', COLOURS.blue, { name: 'offline.png' })]);
  await expect(topLabel(page, 'offline.png')).toHaveText('blue triangle');

  // The fallback is not taken for a choice: the plain address still opens the last model chosen.
  await page.goto('/');
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await expect(status(page).locator('.model-name')).toHaveText('clip-shapes-tiny');
  await expect(page.getByTestId('start-notice')).toHaveCount(0);
});

test('when the hub cannot be reached, the bundled model loads without a click and the wanted one is offered again', async ({ page }) => {
  await page.goto('/?model=Xenova/clip-vit-base-patch32&backend=wasm');
  const notice = page.getByTestId('start-notice');
  await expect(notice).toContainText('CLIP ViT-B/32 could not be downloaded (no connection to huggingface.co): using the bundled demo model (coloured shapes) instead.', { timeout: 60_000 });
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await expect(status(page).getByRole('alert')).toHaveCount(0);
  await dropFiles(page, [await drawShape(page, 'square', COLOURS.orange, { name: 'fallback.png' })]);
  await expect(topLabel(page, 'fallback.png')).toHaveText('orange square');

  // Trying the wanted model again fails the same way and keeps the bundled one.
  await notice.getByRole('button', { name: 'Try CLIP ViT-B/32 again' }).click();
  await expect(status(page).getByRole('alert')).toContainText('Still using clip-shapes-tiny', { timeout: 60_000 });
});
