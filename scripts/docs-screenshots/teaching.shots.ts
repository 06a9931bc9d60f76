/**
 * The screenshots of docs/teaching.md, taken from the built app with the bundled shapes model at
 * a projector's 1280×720: `npm run docs:screenshots` (after `npx vite build`). Set SHOTS_DIR to
 * write them elsewhere (e.g. to look at a change before committing pictures).
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, openApp, setLabels, textFile, topLabel } from '../../e2e/app';

const OUT = process.env.SHOTS_DIR ?? join(import.meta.dirname, '../../docs');
const shot = (name: string) => join(OUT, name);
const PAD = 448;

test.use({ viewport: { width: 1280, height: 720 } });

const SIX = ['red circle', 'blue square', 'green star', 'yellow heart', 'purple triangle', 'orange cross'];

async function dropFour(page: Page): Promise<void> {
  await dropFiles(page, [
    await drawShape(page, 'circle', COLOURS.red, { name: 'red-circle.png' }),
    textFile('red-circle.txt', 'a red circle'),
    await drawShape(page, 'square', COLOURS.blue, { name: 'blue-square.png' }),
    textFile('blue-square.txt', 'a blue square'),
    await drawShape(page, 'star', COLOURS.green, { name: 'green-star.png' }),
    textFile('green-star.txt', 'a green star'),
    await drawShape(page, 'heart', COLOURS.yellow, { name: 'yellow-heart.png' }),
    textFile('yellow-heart.txt', 'a yellow heart'),
  ]);
  await expect(topLabel(page, 'yellow-heart.png')).toHaveText('yellow heart');
}

async function padStroke(page: Page, points: [number, number][]): Promise<void> {
  const box = (await page.getByTestId('drawing-pad').boundingBox())!;
  const at = ([x, y]: [number, number]): [number, number] => [box.x + (x / PAD) * box.width, box.y + (y / PAD) * box.height];
  await page.mouse.move(...at(points[0]!));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 2 });
  await page.mouse.up();
}

test('zero-shot', async ({ page }) => {
  await openApp(page);
  await setLabels(page, SIX);
  await dropFour(page);
  await page.screenshot({ path: shot('teaching-zero-shot.png') });
});

test('contrastive batch', async ({ page }) => {
  await openApp(page);
  await setLabels(page, SIX);
  await dropFour(page);
  await page.getByRole('tab', { name: 'Contrastive', exact: true }).click();
  await expect(page.getByTestId('contrastive-matrix')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 330));
  await page.screenshot({ path: shot('teaching-contrastive.png') });
  await page.getByRole('button', { name: 'Shuffle captions' }).click();
  await page.getByRole('radio', { name: 'Image → text (softmax per row)' }).check();
  await page.screenshot({ path: shot('teaching-contrastive-shuffled.png') });
});

test('drawing pad and typographic attack', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Draw', exact: true }).click();
  const pad = page.getByRole('region', { name: 'Drawing pad' });
  await pad.getByRole('button', { name: 'Medium brush', exact: true }).click();
  const ring: [number, number][] = [];
  for (let a = 0; a <= 360; a += 10) ring.push([224 + 120 * Math.cos((a * Math.PI) / 180), 224 + 120 * Math.sin((a * Math.PI) / 180)]);
  await padStroke(page, ring);
  await pad.getByRole('button', { name: 'Fill', exact: true }).click();
  const box = (await page.getByTestId('drawing-pad').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('drawing-labels').locator('.scores li.top .score-label')).toHaveText('red circle');
  await page.screenshot({ path: shot('teaching-draw.png') });

  await pad.getByRole('button', { name: 'Text', exact: true }).click();
  await pad.getByRole('button', { name: 'black', exact: true }).click();
  await pad.getByRole('button', { name: 'Medium brush', exact: true }).click();
  await page.getByRole('textbox', { name: 'Word to write' }).fill('blue star');
  await page.getByRole('button', { name: 'Write in the middle' }).click();
  await page.waitForTimeout(500);
  await page.getByRole('region', { name: 'Typographic attack' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 180));
  await page.screenshot({ path: shot('teaching-typographic.png') });
});

test('shifted test sets', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Draw', exact: true }).click();
  const generator = page.getByRole('region', { name: 'Shifted test sets' });
  await generator.scrollIntoViewIfNeeded();
  await generator.screenshot({ path: shot('teaching-shift-generator.png') });
  // The clean baseline and two shifts of all 36 classes; the gallery shows the newest (low contrast) first.
  for (const name of ['Textured fill', 'Rotated', 'Cluttered background', 'Hand-drawn jitter']) await generator.getByRole('checkbox', { name }).uncheck();
  await generator.getByRole('button', { name: 'Generate 108 pictures' }).click();
  await expect(page.getByTestId('shift-message')).toContainText('Added 108 pictures');
  await page.getByRole('button', { name: 'Show them' }).click();
  await expect(page.locator('[data-testid="result"][aria-busy="true"]')).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.getByRole('button', { name: 'Choose images…' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 180));
  await page.screenshot({ path: shot('teaching-shift.png') });
});
