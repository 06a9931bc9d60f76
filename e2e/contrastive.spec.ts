/**
 * The contrastive view's numbers are checked from outside: the test reads the N×N matrix the page
 * shows (each cell's exact value and its printed text), recomputes CLIP's loss itself, and
 * compares it with the loss the page prints, at CLIP's logit scale and at another; shuffling the
 * captions raises the loss and sorting restores it; captions come from .txt files, file names and
 * what is typed on a pair's card.
 */
import { expect, test, type Page } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, openApp, resultFor, textFile } from './app';

/** Row-major n×n cosines → the losses, computed here with the textbook formulas (max-shifted). */
function clipLoss(cosines: number[], n: number, scale: number) {
  const ce = (logits: number[], target: number) => {
    const max = Math.max(...logits);
    return max + Math.log(logits.reduce((sum, l) => sum + Math.exp(l - max), 0)) - logits[target]!;
  };
  const rows = Array.from({ length: n }, (_, r) => ce(Array.from({ length: n }, (_, c) => scale * cosines[r * n + c]!), r));
  const cols = Array.from({ length: n }, (_, c) => ce(Array.from({ length: n }, (_, r) => scale * cosines[r * n + c]!), c));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return { rows, cols, imageToText: mean(rows), textToImage: mean(cols), symmetric: (mean(rows) + mean(cols)) / 2 };
}

const matrix = (page: Page) => page.getByTestId('contrastive-matrix');

/** How the page prints a loss: three decimals, or scientific notation below 0.001. */
const formatLoss = (v: number) => (v === 0 || Math.abs(v) >= 0.001 ? v.toFixed(3) : v.toExponential(1));

/** The matrix as shown: every cell's value, checked against its printed text. */
async function readMatrix(page: Page): Promise<{ n: number; values: number[]; scale: number; captions: string[] }> {
  const table = matrix(page);
  const captions = (await table.getByTestId('caption-column').allTextContents()).map((t) => t.trim());
  const n = captions.length;
  const mode = await table.getAttribute('data-mode');
  const values: number[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const cell = table.locator(`td[data-row="${r}"][data-col="${c}"]`);
      const value = Number(await cell.getAttribute('data-value'));
      expect(Number.isFinite(value)).toBe(true);
      if (mode === 'cosine') expect((await cell.textContent())!.replace('-0.00', '0.00')).toBe(value.toFixed(2).replace('-0.00', '0.00'));
      values.push(value);
    }
  }
  return { n, values, scale: Number(await table.getAttribute('data-logit-scale')), captions };
}

/** The losses the page prints, exactly (data-value) and as text. */
async function shownLoss(page: Page) {
  const read = async (id: string) => {
    const element = page.getByTestId(id);
    const value = Number(await element.getAttribute('data-value'));
    expect(await element.textContent()).toBe(formatLoss(value));
    return value;
  };
  return { imageToText: await read('loss-image-to-text'), textToImage: await read('loss-text-to-image'), symmetric: await read('loss-symmetric') };
}

/** Recomputes the loss from the cosines on screen and checks the printed losses, per row and column too. */
async function checkLoss(page: Page): Promise<{ symmetric: number; captions: string[] }> {
  const { n, values, scale, captions } = await readMatrix(page);
  const expected = clipLoss(values, n, scale);
  const shown = await shownLoss(page);
  expect(shown.imageToText).toBeCloseTo(expected.imageToText, 6);
  expect(shown.textToImage).toBeCloseTo(expected.textToImage, 6);
  expect(shown.symmetric).toBeCloseTo(expected.symmetric, 6);
  for (const [id, losses] of [['row-loss', expected.rows], ['column-loss', expected.cols]] as const) {
    const cells = await matrix(page).getByTestId(id).all();
    expect(cells).toHaveLength(n);
    for (const [i, cell] of cells.entries()) {
      const value = Number(await cell.getAttribute('data-value'));
      expect(await cell.textContent()).toBe(formatLoss(value));
      expect(value).toBeCloseTo(losses[i]!, 6);
    }
  }
  await expect(page.getByTestId('loss-chance')).toHaveText(Math.log(n).toFixed(3));
  return { symmetric: shown.symmetric, captions };
}

test('the contrastive matrix and its loss, checked from the numbers on screen', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [
    await drawShape(page, 'circle', COLOURS.red, { name: 'red-circle.png' }),
    textFile('red-circle.txt', 'a red circle\n'),
    await drawShape(page, 'square', COLOURS.blue, { name: 'blue-square.png' }),
    textFile('blue-square.txt', 'a blue square'),
    await drawShape(page, 'star', COLOURS.green, { name: 'green_star_1.png' }),
    await drawShape(page, 'heart', COLOURS.yellow, { name: 'yellow-heart.png' }),
  ]);
  await expect(page.getByTestId('result')).toHaveCount(4);
  await expect(resultFor(page, 'yellow-heart.png').locator('.scores li.top')).toBeVisible();

  await page.getByRole('tab', { name: 'Contrastive', exact: true }).click();
  await expect(matrix(page)).toBeVisible();
  // I1…I4 in the order dropped; captions from the .txt files, then from the file names.
  await expect(matrix(page).getByTestId('caption-column')).toHaveText(['a red circle', 'a blue square', 'green star', 'yellow heart']);
  await expect(matrix(page).locator('th.matrix-image .index')).toHaveText(['I1', 'I2', 'I3', 'I4']);
  await expect(matrix(page).locator('.caption-head .index')).toHaveText(['T1', 'T2', 'T3', 'T4']);
  await expect(matrix(page).locator('td.pair')).toHaveCount(4);
  for (let i = 0; i < 4; i++) await expect(matrix(page).locator('td.pair').nth(i)).toHaveAttribute('data-col', String(i));

  // At CLIP's logit scale (100): the true pairs win, and the loss is what the cosines say.
  await expect(page.getByTestId('logit-scale')).toHaveText('100');
  const sorted = await checkLoss(page);
  await page.screenshot({ path: '/tmp/draw-shots/contrastive-100.png', fullPage: true });
  expect(sorted.symmetric).toBeLessThan(Math.log(4));

  // Image → text: each row is the softmax of its cosines × 100; text → image: each column.
  const { values } = await readMatrix(page);
  await page.getByRole('radio', { name: 'Image → text (softmax per row)' }).check();
  await expect(matrix(page)).toHaveAttribute('data-mode', 'image-to-text');
  const rows = (await readMatrix(page)).values;
  for (let r = 0; r < 4; r++) {
    const logits = values.slice(r * 4, r * 4 + 4).map((v) => 100 * v);
    const max = Math.max(...logits);
    const sum = logits.reduce((s, l) => s + Math.exp(l - max), 0);
    logits.forEach((l, c) => expect(rows[r * 4 + c]).toBeCloseTo(Math.exp(l - max) / sum, 6));
  }
  await expect(matrix(page).getByTestId('column-loss')).toHaveCount(0); // rows only in this mode
  await page.getByRole('radio', { name: 'Text → image (softmax per column)' }).check();
  const cols = (await readMatrix(page)).values;
  for (let c = 0; c < 4; c++) expect([0, 1, 2, 3].reduce((s, r) => s + cols[r * 4 + c]!, 0)).toBeCloseTo(1, 6);
  await page.getByRole('radio', { name: 'Cosine similarity' }).check();

  // A softer logit scale: the same cosines, another loss.
  await page.getByRole('slider', { name: /Logit scale/ }).fill('10');
  await expect(page.getByTestId('logit-scale')).toHaveText('10');
  await expect(matrix(page)).toHaveAttribute('data-logit-scale', '10');
  const soft = await checkLoss(page);
  // Softer logits spread each row's probability over the wrong captions too: the loss of the
  // true pairs rises towards chance.
  expect(soft.symmetric).toBeGreaterThan(sorted.symmetric);
  await page.screenshot({ path: '/tmp/draw-shots/contrastive-10.png', fullPage: true });
  await page.getByRole('button', { name: 'Back to 100' }).click();
  await expect(page.getByTestId('logit-scale')).toHaveText('100');

  // Shuffled captions: no caption stays on its image, and the loss rises; Sort restores both.
  await page.getByRole('button', { name: 'Shuffle captions' }).click();
  await expect(page.getByRole('button', { name: 'Sort (true pairs)' })).toBeEnabled();
  const shuffled = await checkLoss(page);
  expect(shuffled.captions).not.toEqual(sorted.captions);
  shuffled.captions.forEach((caption, i) => expect(caption).not.toBe(sorted.captions[i]));
  expect(shuffled.symmetric).toBeGreaterThan(sorted.symmetric + 1);
  await page.getByRole('button', { name: 'Sort (true pairs)' }).click();
  const restored = await checkLoss(page);
  expect(restored.captions).toEqual(sorted.captions);
  expect(restored.symmetric).toBe(sorted.symmetric);

  // A caption typed on a pair's card replaces the one from the file name, and the loss follows.
  const field = page.getByRole('textbox', { name: /I3 · T3 caption of green_star_1\.png/ });
  await expect(field).toHaveAttribute('placeholder', 'green star');
  await field.fill('a bright green star');
  await field.press('Enter');
  await expect(matrix(page).getByTestId('caption-column').nth(2)).toHaveText('a bright green star');
  await checkLoss(page);
});

test('a batch of one pair has nothing to contrast: the loss is 0', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'red-circle.png' })]);
  await expect(resultFor(page, 'red-circle.png').locator('.scores li.top')).toBeVisible();
  await page.getByRole('tab', { name: 'Contrastive', exact: true }).click();
  await expect(page.getByTestId('loss-symmetric')).toHaveText('0.000');
  await expect(page.getByRole('button', { name: 'Shuffle captions' })).toBeDisabled();
  await expect(page.getByText('With a single pair there is nothing to contrast')).toBeVisible();
});

test('without images the view says where they come from', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Contrastive', exact: true }).click();
  await expect(page.getByText(/No images yet: add some in the Images view/)).toBeVisible();
});
