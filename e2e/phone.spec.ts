/**
 * A student's phone (390×844, touch): the results before a folded label editor, every control
 * big enough for a finger, long text wrapped inside the screen, the rear camera not mirrored.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { COLOURS, drawShape, dropFiles, openApp, resultFor, topLabel } from './app';
import { boxOf, docsScreenshot, expectNoSidewaysScroll, smallTargets } from './layout';
import { writeY4m } from './fixtures/y4m';

const video = join(tmpdir(), 'clip-e2e-phone.y4m');
writeY4m(video, [{ shape: 'square', rgb: [31, 63, 224], frames: 10 }]);
test.use({
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
});

/**
 * Runs in the page: records what getUserMedia is asked for; with `facingMode`, the camera's track
 * reports that facing mode (the fake camera reports none), as a phone's front camera would.
 */
function watchCamera(facingMode: string | null): void {
  const asked: unknown[] = [];
  (window as unknown as { askedFor: unknown[] }).askedFor = asked;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => {
    asked.push(constraints);
    return original(constraints);
  };
  if (facingMode) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the track as `this`
    const settings = MediaStreamTrack.prototype.getSettings;
    MediaStreamTrack.prototype.getSettings = function (this: MediaStreamTrack) {
      return { ...settings.call(this), facingMode };
    };
  }
}

test('the results come first; the label editor is folded after them, with its label count', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'red.png' })]);
  await expect(topLabel(page, 'red.png')).toHaveText('red circle');
  const summary = page.getByTestId('labels-summary');
  await expect(summary).toContainText('Labels · 36');
  await expect(page.getByRole('textbox', { name: /^Labels/ })).toBeHidden();
  // The first result is on the first screen, above the folded editor.
  const result = await boxOf(resultFor(page, 'red.png'));
  expect(result.y).toBeLessThan(844);
  expect(result.y + result.height).toBeLessThanOrEqual((await boxOf(summary)).y);
  // The first result's ranking too.
  expect((await boxOf(resultFor(page, 'red.png').locator('.scores li.top'))).y).toBeLessThan(844);
  // The whole page in one picture (a full-page capture would drop the touch emulation).
  await page.setViewportSize({ width: 390, height: await page.evaluate(() => document.documentElement.scrollHeight) });
  await docsScreenshot(page, 'phone.png');
  await page.setViewportSize({ width: 390, height: 844 });

  // Unfolded with a tap, it edits the labels as usual.
  await summary.tap();
  const labels = page.getByRole('textbox', { name: /^Labels/ });
  await expect(labels).toBeVisible();
  await labels.fill('red circle\nblue square');
  await expect(summary).toContainText('Labels · 2');
  await expect(resultFor(page, 'red.png').locator('.scores li')).toHaveCount(2);
  await expectNoSidewaysScroll(page, 'labels open');
});

test('every control in every view is at least 44×44 CSS pixels', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [await drawShape(page, 'square', COLOURS.blue, { name: 'blue.png' })]);
  await expect(topLabel(page, 'blue.png')).toHaveText('blue square');
  await page.getByTestId('labels-summary').tap();
  await page.getByText('Change model').tap();
  expect(await smallTargets(page), 'images view').toEqual([]);

  await page.getByRole('tab', { name: 'Live camera' }).tap();
  await page.getByRole('button', { name: 'Start camera' }).tap();
  await expect(page.getByTestId('live-labels').locator('.scores li.top .score-label')).toHaveText('blue square');
  expect(await smallTargets(page), 'camera view').toEqual([]);
  await page.getByRole('button', { name: 'Stop camera' }).tap();

  await page.getByRole('tab', { name: 'Insights' }).tap();
  for (const tab of ['Matrix', 'Search', 'Map']) {
    await page.getByRole('tab', { name: tab, exact: true }).tap();
    expect(await smallTargets(page), `insights ${tab}`).toEqual([]);
  }

  await page.getByRole('button', { name: 'Share' }).tap();
  await expect(page.getByRole('dialog', { name: 'Share this setup' })).toBeVisible();
  expect(await smallTargets(page), 'share dialog').toEqual([]);
});

test('a long URL in a hub error and a long file name wrap inside the screen', async ({ page }) => {
  // The hub answers 404 (an unreachable hub would start the bundled model by itself): the error
  // quotes the whole file URL (with its 40-character commit).
  await page.route('https://huggingface.co/**', (route) => route.fulfill({ status: 404, body: 'Entry not found' }));
  await page.goto('/?model=Xenova/clip-vit-base-patch32&backend=wasm');
  const error = page.getByRole('region', { name: 'Model status' }).getByRole('alert');
  await expect(error).toContainText('https://huggingface.co/', { timeout: 60_000 });
  await expectNoSidewaysScroll(page, 'hub error');
  for (const part of await error.locator('p').all()) {
    expect(await part.evaluate((p) => p.scrollWidth <= p.clientWidth)).toBe(true);
  }
  expect((await boxOf(error)).width).toBeLessThanOrEqual(390);

  await page.getByRole('button', { name: 'Use the bundled demo model' }).tap();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  const name = `${'a-very-long-file-name-from-a-phone-camera-'.repeat(3)}IMG_20261201_123456789.png`;
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.green, { name })]);
  await expect(topLabel(page, name)).toHaveText('green circle');
  await expectNoSidewaysScroll(page, 'long file name');
  const fileName = resultFor(page, name).locator('.file-name');
  expect(await fileName.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  expect((await boxOf(fileName)).height).toBeGreaterThan(30); // wrapped onto several lines
});

test('the views row hints that it scrolls, and a wide similarity matrix keeps its caption inside its box', async ({ page }) => {
  await openApp(page);
  // The row of views is wider than the screen: it fades out at its right edge, and the chosen view
  // is scrolled clear of the fade.
  const views = page.getByRole('tablist', { name: 'Views' });
  expect(await views.evaluate((row) => row.scrollWidth > row.clientWidth)).toBe(true);
  expect(await views.evaluate((row) => getComputedStyle(row).maskImage)).toContain('linear-gradient');
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'red.png' })]);
  await expect(topLabel(page, 'red.png')).toHaveText('red circle');
  await page.getByRole('tab', { name: 'Insights' }).tap();
  const rowBox = await boxOf(views);
  const tabBox = await boxOf(page.getByRole('tab', { name: 'Insights' }));
  expect(tabBox.x + tabBox.width).toBeLessThanOrEqual(rowBox.x + rowBox.width - 32);

  // The default labels make the matrix far wider than the screen; the caption wraps inside the box.
  const region = page.getByRole('region', { name: /Similarity matrix/ });
  await expect(region).toBeVisible();
  expect(await region.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
  const regionBox = await boxOf(region);
  const caption = await boxOf(region.locator('caption'));
  expect(caption.x + caption.width).toBeLessThanOrEqual(regionBox.x + regionBox.width);
  await expectNoSidewaysScroll(page, 'matrix');
});

test('the camera asks for the rear camera and does not mirror it', async ({ page }) => {
  await page.addInitScript(watchCamera, null);
  await openApp(page);
  await page.getByRole('tab', { name: 'Live camera' }).tap();
  await page.getByRole('button', { name: 'Start camera' }).tap();
  await expect(page.getByTestId('live-labels').locator('.scores li.top .score-label')).toHaveText('blue square');
  const asked = await page.evaluate(() => (window as unknown as { askedFor: { video: { facingMode?: string } }[] }).askedFor);
  expect(asked[0]?.video.facingMode).toBe('environment');
  // The fake camera reports no facing mode: on a phone that is the rear one.
  await expect(page.getByRole('checkbox', { name: 'Mirror' })).not.toBeChecked();
  await expect(page.locator('video')).not.toHaveClass(/mirrored/);
  await expectNoSidewaysScroll(page, 'camera');
  // The labels are under the video, not over it.
  const videoBox = await boxOf(page.locator('video'));
  expect((await boxOf(page.getByTestId('live-labels'))).y).toBeGreaterThanOrEqual(videoBox.y + videoBox.height);
  // Mirroring can still be turned on by hand.
  await page.getByRole('checkbox', { name: 'Mirror' }).tap();
  await expect(page.locator('video')).toHaveClass(/mirrored/);
});

test('a camera that reports facing the user (the front one) is mirrored', async ({ page }) => {
  await page.addInitScript(watchCamera, 'user');
  await openApp(page);
  await page.getByRole('tab', { name: 'Live camera' }).tap();
  await page.getByRole('button', { name: 'Start camera' }).tap();
  await expect(page.getByTestId('live-labels')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Mirror' })).toBeChecked();
  await expect(page.locator('video')).toHaveClass(/mirrored/);
});
