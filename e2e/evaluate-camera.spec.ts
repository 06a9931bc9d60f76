/**
 * The camera's linear probe: trained in the Evaluation tab on a folder of shapes, it labels the
 * fake camera's frames (a red circle); frames recorded by holding a
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
// One scene only (a red circle), so a label can be checked against what the camera shows.
writeY4m(video, [{ shape: 'circle', rgb: [224, 27, 27], frames: 20 }]);

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
});

// The examples are labelled the other way round from what they show (red circles filed as "blue
// square"): a probe learns its examples, whatever they are called, while zero-shot reads the
// words, so the live label says which of the two is answering.
const CLASSES: ShapeClass[] = [
  { label: 'blue square', shape: 'circle', colour: '#e01b1b' },
  { label: 'red circle', shape: 'square', colour: '#1f3fe0' },
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
  const top = page.getByTestId('live-labels').locator('.scores li.top .score-label');
  await expect(top).toHaveText('red circle'); // zero-shot reads the words
  await probeMode.check();
  await expect(page.getByTestId('live-mode')).toHaveText('Linear probe');
  await expect(top).toHaveText('blue square'); // the probe, what its red-circle examples were called
  await page.getByRole('radio', { name: 'zero-shot' }).check();
  await expect(page.getByTestId('live-mode')).toHaveCount(0);
  await expect(top).toHaveText('red circle');
  await probeMode.check();
  await expect(top).toHaveText('blue square');

  // Hold to record, with the mouse for one class and the keyboard (Space) for the other.
  const hold = page.getByRole('button', { name: 'Hold to record' });
  await page.getByLabel('Record as').selectOption('red circle');
  await hold.hover();
  await page.mouse.down();
  await expect(page.getByTestId('recorded')).toContainText(/red circle [3-9]|red circle \d\d/, { timeout: 20_000 });
  await page.mouse.up();
  const recorded = await page.getByTestId('recorded').innerText();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('recorded')).toHaveText(recorded); // nothing more once released
  await page.getByLabel('Record as').selectOption('blue square');
  await page.getByRole('button', { name: 'Hold to record' }).focus();
  await page.keyboard.down(' ');
  await expect(page.getByTestId('recorded')).toContainText(/blue square [3-9]|blue square \d\d/, { timeout: 20_000 });
  await page.keyboard.up(' ');
  await page.getByRole('button', { name: /^Train probe \(\d+ frames \+ 8 gallery images\)$/ }).click();
  await expect(page.getByTestId('live-mode')).toHaveText('Linear probe');
  await page.getByRole('tab', { name: 'Evaluation' }).click();
  await expect(page.getByTestId('probe-status')).toContainText(/\(8 gallery images, \d+ camera frames\)/, { timeout: 60_000 });

  // A snapshot "as" a label arrives with its true label.
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(top).toBeVisible(); // frames are coming: the snapshot has a picture to take
  await page.getByLabel('True label of the snapshot').selectOption('blue square');
  await page.getByRole('button', { name: 'Add snapshot to gallery' }).click();
  await page.getByRole('button', { name: 'Stop camera' }).click();
  await page.getByRole('tab', { name: 'Images' }).click();
  const snapshot = page.getByTestId('result').filter({ hasText: /snapshot-/ });
  await expect(snapshot.getByRole('combobox', { name: 'True label' })).toHaveValue('blue square');
  await expect(snapshot.getByTestId('verdict')).toContainText('captured as');
});
