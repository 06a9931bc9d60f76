import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { COLOURS, drawShape, dropFiles, topLabel } from './app';

// No --enable-unsafe-webgpu: this Chromium has no WebGPU adapter, so a forced WebGPU really fails.
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs } });

test('forcing WebGPU where it fails falls back to WASM, says so, and still classifies', async ({ page }) => {
  await page.goto('/?model=clip-shapes-tiny&backend=webgpu');
  await expect(page.getByTestId('backend')).toContainText('WASM', { timeout: 60_000 });
  await expect(page.getByTestId('backend-notice')).toContainText('WebGPU failed');
  await expect(page.getByTestId('backend-notice')).toContainText('using WASM instead');
  await dropFiles(page, [await drawShape(page, 'star', COLOURS.green, { name: 'g.png' })]);
  await expect(topLabel(page, 'g.png')).toHaveText('green star');
});

test('a model that cannot be downloaded names the missing file and offers the bundled model', async ({ page }) => {
  await page.goto('/?model=no-such/model&host=/models');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('config.json');
  await page.getByRole('button', { name: 'Use the bundled demo model' }).click();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
});
