import { expect, test } from '@playwright/test';
import { openApp } from './app';
import { qrFromScreenshot } from './fixtures/qr';

test('Share on localhost warns that the link opens nothing elsewhere, and the link carries the open view', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Insights' }).click();
  await page.getByRole('button', { name: 'Share' }).click();
  const link = page.getByTestId('share-url');
  await expect(link).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/\?.*view=insights/);
  await expect(page.getByTestId('share-warning')).toContainText('points at this computer (localhost)');
  await expect(page.getByTestId('share-warning')).toContainText('npm run classroom');
  const qr = page.getByRole('dialog', { name: 'Share this setup' }).getByRole('img', { name: 'QR code of the link' });
  await expect(qr).toBeVisible();

  // The link, and the QR code a phone reads, open the same view.
  const shared = await link.inputValue();
  expect(await qrFromScreenshot(page, qr)).toBe(shared);
  await page.keyboard.press('Escape');
  await page.goto(shared);
  await expect(page.getByRole('tab', { name: 'Insights' })).toHaveAttribute('aria-selected', 'true');
});

test('in presentation mode the QR code fills the screen on demand; Escape closes it and stays presenting', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByRole('button', { name: 'Present' }).click();
  await page.getByRole('button', { name: 'QR code' }).click();
  const large = page.getByRole('dialog', { name: 'QR code for the room' });
  await expect(large).toBeVisible();
  const qr = large.getByRole('img', { name: 'QR code of the link' });
  await expect(qr).toBeVisible();
  const box = await qr.boundingBox();
  expect(box!.height).toBeGreaterThan(450); // most of a 720-pixel projector
  expect(box!.y + box!.height).toBeLessThanOrEqual(720);
  await expect(large.getByTestId('large-qr-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\//);
  expect(await qrFromScreenshot(page, qr)).toBe(await large.getByTestId('large-qr-url').textContent());
  await expect(large.getByTestId('share-warning')).toBeVisible(); // still localhost here

  await page.keyboard.press('Escape');
  await expect(large).toBeHidden();
  await expect(page.locator('.app')).toHaveClass(/presenting/);
  await page.keyboard.press('Escape');
  await expect(page.locator('.app')).not.toHaveClass(/presenting/);

  // Also from the Share dialog, whose Close is in view on a 720-pixel projector without a scroll.
  await page.getByRole('button', { name: 'Present' }).click();
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this setup' });
  await expect(dialog.getByRole('img', { name: 'QR code of the link' })).toBeVisible();
  expect(await dialog.evaluate((d) => d.scrollHeight <= d.clientHeight)).toBe(true);
  const close = (await dialog.getByRole('button', { name: 'Close' }).boundingBox())!;
  expect(close.y + close.height).toBeLessThanOrEqual(720);
  await page.getByRole('button', { name: 'Show large for the room' }).click();
  await expect(large).toBeVisible();
  await large.getByRole('button', { name: 'Close' }).click();
  await expect(large).toBeHidden();
});

test('a reload right after switching the view keeps the view', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Insights' }).click();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Insights' })).toHaveAttribute('aria-selected', 'true');
});
