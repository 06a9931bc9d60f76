import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { COLOURS, drawShape, dropFiles, topLabel } from './app';

// A camera exists, but nobody grants the permission: getUserMedia fails with NotAllowedError.
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, '--use-fake-device-for-media-stream'] } });

test('a denied camera is explained and the rest of the app keeps working', async ({ page }) => {
  await page.goto('/?model=clip-shapes-tiny&backend=wasm');
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('camera-error')).toContainText('Camera access was denied');
  await page.getByRole('tab', { name: 'Images' }).click();
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'still.png' })]);
  await expect(topLabel(page, 'still.png')).toHaveText('red circle');
});
