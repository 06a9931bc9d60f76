/**
 * Closing the camera view while the browser is still asking for the camera: the stream that
 * arrives afterwards must be stopped, not left running with nothing showing it.
 */
import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { openApp } from './app';

test.use({
  launchOptions: { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] },
});

test.beforeEach(async ({ page }) => {
  // The real getUserMedia, answering late (as it does while a permission prompt is open), and
  // every stream it gave out kept, to look at its tracks afterwards.
  await page.addInitScript(() => {
    const media = navigator.mediaDevices;
    const real = media.getUserMedia.bind(media);
    const streams: MediaStream[] = [];
    Object.assign(window, { cameraStreams: streams });
    media.getUserMedia = async (constraints) => {
      const stream = await real(constraints);
      streams.push(stream);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return stream;
    };
  });
});

const liveTracks = () =>
  (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;

test('closing the camera view before the camera answers leaves no camera running', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByRole('button', { name: 'Starting…' })).toBeVisible();
  await page.getByRole('tab', { name: 'Images' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams.length)).toBe(1);
  await page.waitForTimeout(2000); // the late answer has arrived
  expect(await page.evaluate(liveTracks)).toBe(0);
});

test('starting again while the first start is pending keeps only one camera running', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.getByRole('tab', { name: 'Images' }).click();
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByRole('button', { name: 'Stop camera' })).toBeVisible({ timeout: 10_000 });
  await page.waitForTimeout(2000);
  expect(await page.evaluate(liveTracks)).toBe(1);
  await page.getByRole('button', { name: 'Stop camera' }).click();
  expect(await page.evaluate(liveTracks)).toBe(0);
});
