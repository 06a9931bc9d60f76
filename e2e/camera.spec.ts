import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { writeY4m } from './fixtures/y4m';

// The fake camera plays this file in a loop: two seconds of a red circle, then a blue square.
const video = join(tmpdir(), 'clip-e2e-camera.y4m');
writeY4m(video, [
  { shape: 'circle', rgb: [224, 27, 27], frames: 20 },
  { shape: 'square', rgb: [31, 63, 224], frames: 20 },
]);

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
});

test('the live camera names the shape on screen, follows it when it changes, and shows fps', async ({ page }) => {
  await page.goto('/?model=clip-shapes-tiny&backend=wasm');
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  const top = page.getByTestId('live-labels').locator('.scores li.top .score-label');
  await expect(top).toHaveText('red circle');
  await expect(top).toHaveText('blue square');
  await expect(top).toHaveText('red circle');
  await expect(page.getByTestId('live-stats')).toHaveText(/^[1-9]\d*\.\d fps · \d+ ms per frame/);

  // A snapshot lands in the gallery and is classified like a dropped image.
  await page.getByRole('button', { name: 'Add snapshot to gallery' }).click();
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await page.getByRole('tab', { name: 'Images' }).click();
  await expect(page.getByTestId('result')).toHaveCount(1);
  await expect(page.getByTestId('result').locator('.scores li.top .score-label')).toHaveText(/red circle|blue square/);
});
