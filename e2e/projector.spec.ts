/**
 * Projector mode at the sizes of a lecture hall's projector (1280×720, 1920×1080): full screen, no
 * model status, a label editor that stays editable, every view inside the screen, and the camera
 * video fitted to it with the live labels beside it, never over it.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { modelInputRect } from '../src/clip/preprocess/fit';
import { parsePreprocessorConfig } from '../src/clip/preprocess/config';
import { COLOURS, drawShape, dropFiles, openApp, topLabel, type DroppedFile } from './app';
import { boxOf, contentBox, docsScreenshot, expectNoPageOverflow, overlap, viewportBox, within } from './layout';
import { writeY4m } from './fixtures/y4m';

// The fake camera shows a red circle.
const video = join(tmpdir(), 'clip-e2e-projector.y4m');
writeY4m(video, [{ shape: 'circle', rgb: [224, 27, 27], frames: 10 }]);
test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
});

const bundledPreprocessor = parsePreprocessorConfig(JSON.parse(readFileSync('public/models/clip-shapes-tiny/preprocessor_config.json', 'utf8')));

async function pictures(page: Page): Promise<DroppedFile[]> {
  return [
    await drawShape(page, 'circle', COLOURS.red, { name: 'red-circle.png' }),
    await drawShape(page, 'square', COLOURS.blue, { name: 'blue-square.png', width: 240, height: 320 }),
    await drawShape(page, 'triangle', COLOURS.green, { name: 'green-triangle.png', width: 640, height: 240 }),
    await drawShape(page, 'star', COLOURS.yellow, { name: 'yellow-star.png' }),
    await drawShape(page, 'heart', COLOURS.purple, { name: 'purple-heart.png' }),
  ];
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`projector mode at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('goes full screen with the status hidden, keeps the labels editable, and every view fits the screen', async ({ page }) => {
      await openApp(page);
      await dropFiles(page, await pictures(page));
      await expect(topLabel(page, 'purple-heart.png')).toHaveText('purple heart');
      await page.getByRole('button', { name: 'Present' }).click();
      await expect(page.locator('.app')).toHaveClass(/presenting/);
      await expect.poll(() => page.evaluate(() => document.fullscreenElement?.classList.contains('app') ?? false)).toBe(true);
      await expect(page.getByRole('region', { name: 'Model status' })).toBeHidden();
      const screen = await viewportBox(page);

      // Images, with five results: the page never scrolls (the view scrolls in its own box).
      await expectNoPageOverflow(page, 'images');
      const labels = page.getByRole('textbox', { name: /^Labels/ });
      await expect(labels).toBeVisible();
      expect(within(await boxOf(labels), screen)).toBe(true);
      // A lecturer types labels live: the results follow.
      await labels.fill('a shape\nred circle\nblue square');
      await expect(topLabel(page, 'red-circle.png')).toHaveText('red circle');
      await expect(topLabel(page, 'blue-square.png')).toHaveText('blue square');
      const cards = page.getByTestId('result');
      const view = await boxOf(page.locator('.view'));
      for (const card of await cards.all()) {
        const box = await boxOf(card);
        expect(box.x).toBeGreaterThanOrEqual(view.x - 0.5);
        expect(box.x + box.width).toBeLessThanOrEqual(view.x + view.width + 0.5);
      }
      await labels.fill('red circle\nblue square\ngreen triangle\nyellow star\npurple heart\norange cross');
      await expect(topLabel(page, 'purple-heart.png')).toHaveText('purple heart');
      await labels.blur();
      if (size.width === 1280) await docsScreenshot(page, 'projector-images.png');

      // Camera: the video fits the screen, the labels stand beside it.
      await page.getByRole('tab', { name: 'Live camera' }).click();
      await page.getByRole('button', { name: 'Start camera' }).click();
      const live = page.getByTestId('live-labels');
      await expect(live.locator('.scores li.top .score-label')).toHaveText('red circle');
      await expectNoPageOverflow(page, 'camera');
      const videoElement = page.getByRole('region', { name: 'Camera' }).locator('video');
      const videoBox = await boxOf(videoElement);
      const picture = await contentBox(videoElement);
      const liveBox = await boxOf(live);
      expect(within(videoBox, screen), 'video inside the screen').toBe(true);
      expect(within(picture, screen), 'picture inside the screen').toBe(true);
      expect(within(liveBox, screen), 'live labels inside the screen').toBe(true);
      expect(overlap(videoBox, liveBox), 'live labels over the video').toBe(false);
      expect(overlap(videoBox, await boxOf(labels)), 'label editor over the video').toBe(false);
      // It uses the screen: the picture is most of the height left under the header and tabs.
      expect(picture.height).toBeGreaterThan(size.height * 0.6);
      // The model's centre crop of the 640×480 frame (its integer resize puts it 3.8 pixels left of
      // the middle), outlined where the mirrored picture shows it.
      await expect(page.getByRole('checkbox', { name: 'Mirror' })).toBeChecked();
      const expected = modelInputRect(640, 480, bundledPreprocessor, 'crop');
      const scale = picture.width / 640;
      const crop = await boxOf(page.getByRole('region', { name: 'Camera' }).getByTestId('crop-rect'));
      const stroke = 3; // the outline's width, half of it on each side of the rectangle
      expect(crop.x + stroke / 2).toBeCloseTo(picture.x + (640 - expected.x - expected.width) * scale, 0);
      expect(crop.width - stroke).toBeCloseTo(expected.width * scale, 0);
      expect(crop.height - stroke).toBeCloseTo(picture.height, 0);
      if (size.width === 1280) await docsScreenshot(page, 'projector-camera.png');
      await page.getByRole('button', { name: 'Stop camera' }).click();

      // Insights.
      await page.getByRole('tab', { name: 'Insights' }).click();
      await expect(page.getByRole('region', { name: 'Insights' })).toBeVisible();
      await expectNoPageOverflow(page, 'insights');

      // Escape leaves the mode and full screen.
      await page.keyboard.press('Escape');
      await expect(page.locator('.app')).not.toHaveClass(/presenting/);
      await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
      await expect(page.getByRole('region', { name: 'Model status' })).toBeVisible();
    });
  });
}

test('projector mode works in the window where full screen is refused, and its button leaves it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // A browser that refuses (an iPhone, an iframe without permission, a policy).
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Permissions check failed'));
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openApp(page);
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.locator('.app')).toHaveClass(/presenting/);
  expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
  await expect(page.getByRole('region', { name: 'Model status' })).toBeHidden();
  await expectNoPageOverflow(page, 'images');
  await page.getByRole('button', { name: 'Exit presentation' }).click();
  await expect(page.locator('.app')).not.toHaveClass(/presenting/);
  expect(errors).toEqual([]);
});

test('in projector mode a model that fails to load is still shown, with the way on', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // A hub that answers 404 (an unreachable one would start the bundled model by itself).
  await page.route('https://huggingface.co/**', (route) => route.fulfill({ status: 404, body: 'Entry not found' }));
  await page.goto('/?model=Xenova/clip-vit-base-patch32&backend=wasm&present');
  await expect(page.locator('.app')).toHaveClass(/presenting/);
  const status = page.getByRole('region', { name: 'Model status' });
  await expect(status.getByRole('alert')).toContainText('could not be loaded', { timeout: 60_000 });
  await expectNoPageOverflow(page, 'load error');
  await status.getByRole('button', { name: 'Use the bundled demo model' }).click();
  await expect(page.getByTestId('backend')).toBeAttached({ timeout: 60_000 });
  await expect(status).toBeHidden();
  await expect(page.getByRole('textbox', { name: /^Labels/ })).toBeEditable();
});

test('leaving full screen the browser’s way (its own Escape) leaves projector mode', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await page.getByRole('button', { name: 'Present' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.evaluate(() => document.exitFullscreen());
  await expect(page.locator('.app')).not.toHaveClass(/presenting/);
});

test('on a laptop the camera facing the user is asked for and mirrored, with the labels beside the video', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 760 });
  await page.addInitScript(() => {
    const asked: unknown[] = [];
    (window as unknown as { askedFor: unknown[] }).askedFor = asked;
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      asked.push(constraints);
      return original(constraints);
    };
  });
  await openApp(page);
  // The README's gallery picture, while here.
  await dropFiles(page, [
    await drawShape(page, 'circle', COLOURS.red, { name: 'red-circle.png' }),
    await drawShape(page, 'square', COLOURS.blue, { name: 'blue-square.png' }),
    await drawShape(page, 'star', COLOURS.yellow, { name: 'yellow-star.png' }),
  ]);
  await expect(topLabel(page, 'yellow-star.png')).toHaveText('yellow star');
  await docsScreenshot(page, 'gallery.png');

  await page.getByRole('textbox', { name: /^Labels/ }).fill('red circle\nblue square\nyellow star\ngreen triangle\npurple heart');
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  const live = page.getByTestId('live-labels');
  await expect(live.locator('.scores li.top .score-label')).toHaveText('red circle');
  const asked = await page.evaluate(() => (window as unknown as { askedFor: { video: { facingMode?: string } }[] }).askedFor);
  expect(asked[0]?.video.facingMode).toBe('user');
  await expect(page.getByRole('checkbox', { name: 'Mirror' })).toBeChecked();
  await expect(page.locator('video')).toHaveClass(/mirrored/);
  expect(overlap(await boxOf(page.locator('video')), await boxOf(live))).toBe(false);
  await docsScreenshot(page, 'camera.png');
});
