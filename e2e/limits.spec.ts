/**
 * Limits a user or a link can run into, each with a message where it happens: the label editor
 * (2000 labels, 300-character labels and template), a link with far more, `?threads` above the
 * cores, and big photos shown as small thumbnails.
 */
import { expect, test } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, openApp, setLabels, topLabel } from './app';

test('the label editor encodes at most 2000 labels and a 300-character template, and says so', async ({ page }) => {
  await openApp(page);
  const labels = Array.from({ length: 2100 }, (_, i) => `${['red', 'blue', 'green'][i % 3]} thing ${i}`);
  await setLabels(page, labels);
  const limits = page.getByTestId('label-limits');
  await expect(limits).toHaveText('2,100 labels: only the first 2,000 are used.');
  await expect(page.locator('.label-count')).toHaveText(/^2000 labels/, { timeout: 90_000 });

  await setLabels(page, ['red circle', 'blue square']);
  await expect(limits).toBeHidden();
  await page.getByRole('textbox', { name: /^Prompt template/ }).fill(`a photo of a {}${' and more'.repeat(40)}`);
  await expect(limits).toHaveText('The template has 375 characters: only the first 300 are used.');
  // Nothing is lost: the text stays as typed.
  await expect(page.getByRole('textbox', { name: /^Prompt template/ })).toHaveValue(`a photo of a {}${' and more'.repeat(40)}`);
});

test('a link with too many labels and a long template is cut, and the editor says what the link asked for', async ({ page }) => {
  // Short labels: the whole link must stay under the HTTP server's 16 kB header limit.
  const params = new URLSearchParams({ model: 'clip-shapes-tiny', backend: 'wasm' });
  params.set('labels', Array.from({ length: 2050 }, (_, i) => i.toString(36)).join('\n'));
  params.set('template', '{}'.repeat(160));
  await openApp(page, params.toString());
  const note = page.getByTestId('link-limits');
  await expect(note).toContainText('The link asked for more than this app encodes');
  await expect(note).toContainText('2,050 labels: only the first 2,000 are used.');
  await expect(note).toContainText('The template has 320 characters: only the first 300 are used.');
  await expect(page.getByRole('textbox', { name: /^Prompt template/ })).toHaveValue('{}'.repeat(150));
  await expect(page.locator('.label-count')).toHaveText(/^2000 labels/, { timeout: 90_000 });
  await note.getByRole('button', { name: 'Dismiss' }).click();
  await expect(note).toBeHidden();
});

test('?threads=32 starts no more WASM threads than the machine has cores', async ({ page }) => {
  await openApp(page, 'model=clip-shapes-tiny&backend=wasm&threads=32');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const expected = Math.min(32, cores);
  await expect(page.getByTestId('backend')).toHaveText(new RegExp(`WASM · ${expected} threads?`));
});

test('a large photo is shown as a small thumbnail and still classified from the full image', async ({ page }) => {
  await openApp(page);
  await setLabels(page, ['red circle', 'blue square']);
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { width: 2400, height: 1800, name: 'big-red-circle.png' })]);
  await expect(topLabel(page, 'big-red-circle.png')).toHaveText('red circle');
  const thumbnail = page.getByTestId('result').filter({ hasText: 'big-red-circle.png' }).locator('img');
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : null))).toEqual([480, 360]);
});
