import { expect, test } from '@playwright/test';
import { ENSEMBLE_TEMPLATES } from '../src/clip/ensemble';
import { COLOURS, drawShape, dropFiles, openApp, setLabels, topLabel } from './app';

test('a shared link reopened in a fresh page restores the labels and the template', async ({ page, browser }) => {
  await openApp(page);
  await setLabels(page, ['red circle', 'blue square, or a "box" & more']);
  await page.getByLabel('Prompt template').fill('a drawing of a {}');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-url').inputValue();
  await expect(page.getByRole('img', { name: 'QR code of the link' })).toBeVisible();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await expect(other.getByRole('textbox', { name: /^Labels/ })).toHaveValue('red circle\nblue square, or a "box" & more');
  await expect(other.getByLabel('Prompt template')).toHaveValue('a drawing of a {}');
  await dropFiles(other, [await drawShape(other, 'circle', COLOURS.red, { name: 'shared.png' })]);
  await expect(topLabel(other, 'shared.png')).toHaveText('red circle');
  await fresh.close();
});

test('a large preset with the prompt ensemble encodes with progress, and a reload uses the cache', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Label set').selectOption('imagenet');
  // Two of ImageNet's released names occur twice: the editor says they are used once.
  await expect(page.getByTestId('repeated-labels')).toHaveText('2 labels are written more than once and used once: “missile”, “sunglasses”.');
  await page.getByRole('checkbox', { name: /Prompt ensemble/ }).check();
  await expect(page.getByRole('progressbar', { name: 'Encoding labels' })).toBeVisible();
  const summary = page.getByTestId('encode-summary');
  await expect(summary).toContainText(/prompts: [1-9]\d* encoded/, { timeout: 120_000 });
  const prompts = Number((await summary.textContent())!.match(/(\d+) prompts/)![1]);
  expect(prompts).toBeGreaterThan(5000);

  // The URL now names the preset and the ensemble; a reload encodes nothing.
  await expect(page).toHaveURL(/preset=imagenet/);
  await expect(page).toHaveURL(/ensemble=1/);
  await page.reload();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('encode-summary')).toContainText(`${prompts} prompts: 0 encoded, ${prompts} from this browser’s cache`, { timeout: 60_000 });
});

test('a long encode can be cancelled and the page stays responsive', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Label set').selectOption('imagenet');
  await expect(page.getByTestId('encode-summary')).toContainText(/ 9\d\d prompts: /, { timeout: 60_000 });
  const labels = page.getByRole('textbox', { name: /^Labels/ });
  const presetLabels = await labels.inputValue();
  const labelCount = new Set(presetLabels.split('\n').filter(Boolean)).size;
  await page.getByRole('checkbox', { name: /Prompt ensemble/ }).check();
  const progress = page.getByRole('progressbar', { name: 'Encoding labels' });
  await expect(progress).toHaveAttribute('max', String(labelCount * ENSEMBLE_TEMPLATES.length));
  await expect(page.getByLabel('Prompt template')).toBeDisabled(); // the ensemble brings its own templates
  // The main thread is free while the worker encodes: typing still works at once. (Playwright
  // waits for the page to handle each input event, so a busy main thread shows as slow typing.)
  // The text goes in as one input event: half-typed labels would each start a debounced
  // re-encode, and one starting after Cancel below would clear its message.
  const started = Date.now();
  await labels.press('Control+End');
  await page.keyboard.insertText('\nzebra crossing');
  await expect(labels).toHaveValue(`${presetLabels}\nzebra crossing`, { timeout: 1_000 });
  expect(Date.now() - started, 'milliseconds from the first key to the text in the box').toBeLessThan(3_000);
  // The edit reaches the worker: the encode starts again with one more label's prompts.
  await expect(progress).toHaveAttribute('max', String((labelCount + 1) * ENSEMBLE_TEMPLATES.length));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toContainText('Encoding cancelled');
  // Cancel goes back to the setup the results show: the preset, one template.
  const ensemble = page.getByRole('checkbox', { name: /Prompt ensemble/ });
  await expect(ensemble).not.toBeChecked();
  await expect(labels).toHaveValue(presetLabels);

  // The worker really stopped: encoding the same set again still has prompts left to encode
  // (had it gone on in the background, every prompt would now come from the cache).
  await ensemble.check();
  await expect(page.getByTestId('encode-summary')).toContainText(/\d+ prompts: [1-9]\d* encoded/, { timeout: 120_000 });
});

test('presentation mode hides the model status but keeps the label editor; Escape leaves it', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.locator('.app')).toHaveClass(/presenting/);
  await expect(page.getByRole('region', { name: 'Model status' })).toBeHidden();
  await expect(page.getByRole('textbox', { name: /^Labels/ })).toBeEditable(); // projector.spec.ts checks the layout
  await page.keyboard.press('Escape');
  await expect(page.locator('.app')).not.toHaveClass(/presenting/);
});
