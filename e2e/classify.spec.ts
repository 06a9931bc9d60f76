import { expect, test } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, openApp, resultFor, setLabels, textFile, topLabel } from './app';

test.describe('zero-shot classification with the bundled shapes model on WASM', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
  });

  test('the status names the backend, its threads and the precision', async ({ page }) => {
    // Served cross-origin isolated, so onnxruntime gets one thread per core.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await expect(page.getByTestId('backend')).toHaveText(`WASM · ${cores} thread${cores === 1 ? '' : 's'} · 8-bit`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  test('a dropped red circle is labelled "red circle"', async ({ page }) => {
    await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'red-circle.png' })]);
    await expect(topLabel(page, 'red-circle.png')).toHaveText('red circle');
  });

  test('three images dropped at once give three results, each right', async ({ page }) => {
    await dropFiles(page, [
      await drawShape(page, 'square', COLOURS.blue, { name: 'one.png', width: 400, height: 300 }),
      await drawShape(page, 'triangle', COLOURS.green, { name: 'two.png', width: 200, height: 260 }),
      await drawShape(page, 'star', COLOURS.yellow, { name: 'three.png', width: 256, height: 256, background: '#333333' }),
    ]);
    await expect(page.getByTestId('result')).toHaveCount(3);
    await expect(topLabel(page, 'one.png')).toHaveText('blue square');
    await expect(topLabel(page, 'two.png')).toHaveText('green triangle');
    await expect(topLabel(page, 'three.png')).toHaveText('yellow star');
  });

  test('a text file among two images gets an error; both images still get results', async ({ page }) => {
    await dropFiles(page, [
      await drawShape(page, 'circle', COLOURS.purple, { name: 'a.png' }),
      textFile('notes.txt', 'not an image'),
      await drawShape(page, 'heart', COLOURS.red, { name: 'b.png' }),
    ]);
    await expect(page.getByTestId('result')).toHaveCount(3);
    await expect(resultFor(page, 'notes.txt').getByRole('alert')).toHaveText('notes.txt is not an image (text/plain)');
    await expect(topLabel(page, 'a.png')).toHaveText('purple circle');
    await expect(topLabel(page, 'b.png')).toHaveText('red heart');
  });

  test('a corrupt image gets a clear error and loses nothing else', async ({ page }) => {
    const good = await drawShape(page, 'square', COLOURS.orange, { name: 'good.png' });
    const broken = { ...good, name: 'broken.png', base64: good.base64.slice(0, 200) };
    await dropFiles(page, [broken, good]);
    await expect(resultFor(page, 'broken.png').getByRole('alert')).toContainText('broken.png could not be decoded');
    await expect(topLabel(page, 'good.png')).toHaveText('orange square');
  });

  test('editing the labels updates the ranking', async ({ page }) => {
    await dropFiles(page, [await drawShape(page, 'circle', COLOURS.blue, { name: 'c.png' })]);
    await expect(topLabel(page, 'c.png')).toHaveText('blue circle');
    await setLabels(page, ['red square', 'green star', 'blue square']);
    await expect(topLabel(page, 'c.png')).toHaveText('blue square');
    await expect(resultFor(page, 'c.png').locator('.scores li')).toHaveCount(3);
    // Percentages of the shown labels are a softmax over all labels: they add up to 100%.
    const values = await resultFor(page, 'c.png').locator('.score-value').allTextContents();
    const sum = values.map((v) => (v.startsWith('<') ? 0 : parseFloat(v))).reduce((a, b) => a + b, 0); // '<0.1%' counts as 0
    expect(sum).toBeGreaterThan(98);
    expect(sum).toBeLessThan(102);
  });

  test('an empty label list and a label over 77 tokens are explained', async ({ page }) => {
    await setLabels(page, []);
    await expect(page.getByText('Add at least one label to classify images.')).toBeVisible();
    // An image dropped meanwhile says so where it is shown, and is ranked once there are labels.
    await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'early.png' })]);
    await expect(page.getByTestId('gallery-no-labels')).toBeVisible();
    const long = Array.from({ length: 90 }, (_, i) => `word${i}`).join(' ');
    await setLabels(page, ['red circle', long]);
    await expect(page.getByTestId('truncated-warning')).toContainText('truncated');
    await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'r.png' })]);
    await expect(topLabel(page, 'r.png')).toHaveText('red circle');
    await expect(topLabel(page, 'early.png')).toHaveText('red circle');
    await expect(page.getByTestId('gallery-no-labels')).toHaveCount(0);
  });

  test('images can be picked with the button, and removed', async ({ page }) => {
    const file = await drawShape(page, 'triangle', COLOURS.orange, { name: 'picked.png' });
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose images…' }).click();
    await (await chooser).setFiles([{ name: file.name, mimeType: file.mimeType, buffer: Buffer.from(file.base64, 'base64') }]);
    await expect(topLabel(page, 'picked.png')).toHaveText('orange triangle');
    await page.getByRole('button', { name: 'Remove picked.png' }).click();
    await expect(page.getByTestId('result')).toHaveCount(0);
  });
});

test('the precision can be overridden: fp32 and fp16 weights give the same answer', async ({ page }) => {
  await openApp(page);
  for (const [option, shown] of [['fp32', 'fp32'], ['fp16', 'fp16']] as const) {
    await page.getByLabel('Precision').selectOption(option);
    await expect(page.getByTestId('backend')).toHaveText(new RegExp(`WASM · \\d+ threads? · ${shown}$`), { timeout: 60_000 });
    const name = `${option}.png`;
    await dropFiles(page, [await drawShape(page, 'star', COLOURS.purple, { name })]);
    await expect(topLabel(page, name)).toHaveText('purple star');
  }
});

test('an image pasted from the clipboard is classified', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const file = await drawShape(page, 'cross', COLOURS.green, { name: 'clip.png' });
  await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
  }, file.base64);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+V');
  await expect(page.getByTestId('result')).toHaveCount(1);
  await expect(page.getByTestId('result').locator('.scores li.top .score-label')).toHaveText('green cross');
});
