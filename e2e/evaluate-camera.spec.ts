/**
 * The camera's linear probe: trained in the Evaluation tab on a folder of shapes, it labels the
 * fake camera's frames (a red circle, then a blue square, in a loop); frames recorded by holding a
 * button (mouse and keyboard) train it on the spot; a snapshot can be taken "as" a label.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { openApp, setLabels } from './app';
import { writeY4m } from './fixtures/y4m';
import { drawVariant, dropFolder, writeFolder, type FolderFile, type ShapeClass } from './shapesFolder';

const video = join(tmpdir(), 'clip-e2e-probe-camera.y4m');
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

// Class names the shapes model never saw in training: zero-shot cannot know them, a probe learns
// them from examples, so the live labels prove which of the two is answering.
const CLASSES: ShapeClass[] = [
  { label: 'stop sign', shape: 'circle', colour: '#e01b1b' },
  { label: 'ocean', shape: 'square', colour: '#1f3fe0' },
];

test('the live camera switches to the probe, records held frames per class, trains on the spot, and snapshots "as" a label', async ({ page }) => {
  await openApp(page);
  await setLabels(page, CLASSES.map((c) => c.label));
  const files: FolderFile[] = [];
  for (const cls of CLASSES) {
    for (let i = 0; i < 4; i++) files.push({ path: `${cls.label}/${i}.png`, domain: null, label: cls.label, base64: await drawVariant(page, cls, 'plain', 40 + i) });
  }
  const root = join(tmpdir(), `clip-eval-camera-${process.pid}`, 'shapes');
  writeFolder(root, files);
  await dropFolder(page, root);
  await expect(page.getByTestId('result').locator('.scores li.top')).toHaveCount(8, { timeout: 60_000 });

  await page.getByRole('tab', { name: 'Live camera' }).click();
  const probeMode = page.getByRole('radio', { name: 'linear probe' });
  await expect(probeMode).toBeDisabled();
  await page.getByRole('tab', { name: 'Evaluation' }).click();
  await page.getByRole('button', { name: 'Train probe on 8 images' }).click();
  await expect(page.getByTestId('probe-status')).toContainText('Probe ready', { timeout: 60_000 });

  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await probeMode.check();
  await expect(page.getByTestId('live-mode')).toHaveText('Linear probe');
  const top = page.getByTestId('live-labels').locator('.scores li.top .score-label');
  await expect(top).toHaveText('stop sign');
  await expect(top).toHaveText('ocean');
  await expect(top).toHaveText('stop sign');

  // Hold to record, with the mouse for one class and the keyboard (Space) for the other.
  const hold = page.getByRole('button', { name: 'Hold to record' });
  await page.getByLabel('Record as').selectOption('stop sign');
  await hold.hover();
  await page.mouse.down();
  await expect(page.getByTestId('recorded')).toContainText(/stop sign [3-9]|stop sign \d\d/, { timeout: 20_000 });
  await page.mouse.up();
  const recorded = await page.getByTestId('recorded').innerText();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('recorded')).toHaveText(recorded); // nothing more once released
  await page.getByLabel('Record as').selectOption('ocean');
  await page.getByRole('button', { name: 'Hold to record' }).focus();
  await page.keyboard.down(' ');
  await expect(page.getByTestId('recorded')).toContainText(/ocean [3-9]|ocean \d\d/, { timeout: 20_000 });
  await page.keyboard.up(' ');
  await page.getByRole('button', { name: /^Train probe \(\d+ frames \+ 8 gallery images\)$/ }).click();
  await expect(page.getByTestId('live-mode')).toHaveText('Linear probe');
  await page.getByRole('tab', { name: 'Evaluation' }).click();
  await expect(page.getByTestId('probe-status')).toContainText(/\(8 gallery images, \d+ camera frames\)/, { timeout: 60_000 });

  // A snapshot "as" a label arrives with its true label.
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.getByLabel('True label of the snapshot').selectOption('ocean');
  await page.getByRole('button', { name: 'Add snapshot to gallery' }).click();
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await page.getByRole('tab', { name: 'Images' }).click();
  const snapshot = page.getByTestId('result').filter({ hasText: /snapshot-/ });
  await expect(snapshot.getByRole('combobox', { name: 'True label' })).toHaveValue('ocean');
  await expect(snapshot.getByTestId('verdict')).toContainText('captured as');
});
