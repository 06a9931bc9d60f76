/**
 * Sequences of actions that used to leave the app wrong: each test does what a user did when the
 * bug showed, in the built app, and checks what the screen shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, openApp, resultFor, setLabels, topLabel } from './app';

const NARROW = join(import.meta.dirname, 'fixtures', 'clip-shapes-narrow');

/**
 * Serves `clip-shapes-narrow`, a variant of the bundled model with 32-value embeddings instead of
 * 64 (scripts/test-model/make_narrow_variant.py), under /models like any same-origin model.
 */
async function serveNarrowModel(page: Page): Promise<void> {
  await page.route('**/models/clip-shapes-narrow/**', async (route) => {
    const file = new URL(route.request().url()).pathname.split('/models/clip-shapes-narrow/')[1]!;
    if (file === 'config.json' || file.endsWith('_quantized.onnx')) {
      const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
      return route.fulfill({ status: 200, contentType: type, body: readFileSync(join(NARROW, file)) });
    }
    const response = await route.fetch({ url: route.request().url().replace('/clip-shapes-narrow/', '/clip-shapes-tiny/') });
    return route.fulfill({ response });
  });
}

/** The hub cannot be reached (a lecture hall without uplink). */
async function blockHub(page: Page): Promise<void> {
  await page.route('https://huggingface.co/**', (route) => route.abort('internetdisconnected'));
}

async function pickModel(page: Page, name: string): Promise<void> {
  const picker = page.locator('details.model-picker');
  if (!(await picker.evaluate((d: HTMLDetailsElement) => d.open))) await page.getByText('Change model').click();
  await page.getByLabel('Model', { exact: true }).selectOption({ label: name });
  await page.getByRole('button', { name: /Download and use|Use this model/ }).click();
}

test('switching to a model with another embedding size re-classifies the gallery instead of blanking the page', async ({ page }) => {
  await serveNarrowModel(page);
  await openApp(page, 'model=clip-shapes-narrow&host=/models&backend=wasm');
  await setLabels(page, ['red circle', 'blue square', 'green star']);
  await dropFiles(page, [
    await drawShape(page, 'circle', COLOURS.red, { name: 'red.png' }),
    await drawShape(page, 'square', COLOURS.blue, { name: 'blue.png' }),
  ]);
  await expect(topLabel(page, 'red.png')).toHaveText('red circle');
  await expect(topLabel(page, 'blue.png')).toHaveText('blue square');

  await pickModel(page, 'Shapes demo (bundled)');
  await expect(page.locator('.model-name')).toHaveText('clip-shapes-tiny');
  await expect(page.getByTestId('backend')).toBeVisible();
  // Still a page, with both cards ranked by the new model and nothing broken.
  await expect(page.getByRole('heading', { name: 'CLIP in your browser' })).toBeVisible();
  await expect(topLabel(page, 'red.png')).toHaveText('red circle');
  await expect(topLabel(page, 'blue.png')).toHaveText('blue square');
  await expect(page.getByTestId('view-error')).toHaveCount(0);
});

test('a model switch that fails keeps the working model, its labels and results, and says so', async ({ page }) => {
  await blockHub(page);
  await openApp(page);
  await setLabels(page, ['red circle', 'blue square']);
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'kept.png' })]);
  await expect(topLabel(page, 'kept.png')).toHaveText('red circle');

  await pickModel(page, 'CLIP ViT-B/16');
  const alert = page.getByRole('region', { name: 'Model status' }).getByRole('alert');
  await expect(alert).toContainText('Xenova/clip-vit-base-patch16 could not be loaded');
  await expect(alert).toContainText('Still using clip-shapes-tiny');
  await expect(page.getByTestId('backend')).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Labels/ })).toHaveValue('red circle\nblue square');
  await expect(topLabel(page, 'kept.png')).toHaveText('red circle');
  await expect(page).not.toHaveURL(/patch16/);

  // The app keeps working with the model it has.
  await dropFiles(page, [await drawShape(page, 'square', COLOURS.blue, { name: 'after.png' })]);
  await expect(topLabel(page, 'after.png')).toHaveText('blue square');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('clip-shapes-tiny');
});

test('after falling back to the bundled demo model (hub unreachable), the picker shows the model in use', async ({ page }) => {
  await blockHub(page);
  await page.goto('/?backend=wasm');
  // No click needed: an unreachable hub makes the start load the bundled model (startModel.ts).
  await expect(page.getByTestId('start-notice')).toContainText('using the bundled demo model', { timeout: 60_000 });
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await page.getByText('Change model').click();
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('clip-shapes-tiny');
  await expect(page.getByRole('button', { name: /Download and use|Use this model/ })).toBeDisabled();
});

test('a preset keeps "My labels" to go back to, and Undo undoes it', async ({ page }) => {
  await openApp(page);
  await setLabels(page, ['red circle', 'mug']);
  const labelSet = page.getByLabel('Label set');
  await labelSet.selectOption({ label: 'CIFAR-10 (10)' });
  await expect(page.getByRole('textbox', { name: /^Labels/ })).toHaveValue(/^airplane\n/);
  await labelSet.selectOption({ label: 'My labels' });
  await expect(page.getByRole('textbox', { name: /^Labels/ })).toHaveValue('red circle\nmug');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(labelSet).toHaveValue('cifar10');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('textbox', { name: /^Labels/ })).toHaveValue('red circle\nmug');
  await expect(page).not.toHaveURL(/preset=/);
});

test('cancelling an ensemble encode puts the checkbox, the template and the URL back', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Label set').selectOption('imagenet');
  await expect(page.getByTestId('encode-summary')).toContainText(/ 9\d\d prompts: /, { timeout: 60_000 });
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'imagenet.png' })]);
  await expect(resultFor(page, 'imagenet.png').locator('.scores li')).toHaveCount(5);
  const before = await resultFor(page, 'imagenet.png').locator('.scores').textContent();

  const ensemble = page.getByRole('checkbox', { name: /Prompt ensemble/ });
  await ensemble.check();
  await expect(page.getByLabel('Prompt template')).toBeDisabled();
  await expect(page.getByRole('progressbar', { name: 'Encoding labels' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  await expect(page.getByRole('alert')).toContainText('Encoding cancelled');
  await expect(ensemble).not.toBeChecked();
  await expect(page.getByLabel('Prompt template')).toBeEnabled();
  await expect(page).not.toHaveURL(/ensemble=1/);
  await expect(resultFor(page, 'imagenet.png').locator('.scores')).toHaveText(before!);
});

test('revision and precision belong to the setup: precision survives a reload, a revision does not follow another model', async ({ page }) => {
  await serveNarrowModel(page);
  await openApp(page, 'model=clip-shapes-narrow&host=/models&backend=wasm&revision=old-commit');
  await expect(page).toHaveURL(/revision=old-commit/);
  await pickModel(page, 'Shapes demo (bundled)');
  await expect(page.locator('.model-name')).toHaveText('clip-shapes-tiny');
  await expect(page).not.toHaveURL(/revision=/);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByTestId('share-url')).not.toHaveValue(/revision=/);
  await page.getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('Precision').selectOption('fp32');
  await expect(page.getByTestId('backend')).toHaveText(/ · fp32$/, { timeout: 60_000 });
  await expect(page).toHaveURL(/precision=fp32/);
  await page.reload();
  await expect(page.getByTestId('backend')).toHaveText(/ · fp32$/, { timeout: 60_000 });
  await expect(page.getByLabel('Precision')).toHaveValue('fp32');
});

test('a view that fails shows a message with Try again; the rest of the page keeps working', async ({ page }) => {
  await openApp(page, 'model=clip-shapes-tiny&backend=wasm&debug');
  await dropFiles(page, [await drawShape(page, 'star', COLOURS.green, { name: 'star.png' })]);
  await expect(topLabel(page, 'star.png')).toHaveText('green star');
  // Break the label embeddings the way a bug would (wrong length for the model in use).
  await page.evaluate(() => {
    const { appState } = window as unknown as { appState: { labels: { getState(): { encoded: { dim: number } }; setState(s: object): void } } };
    const encoded = appState.labels.getState().encoded;
    appState.labels.setState({ encoded: { ...encoded, embeddings: new Float32Array(3) } });
  });
  await expect(page.getByTestId('view-error')).toContainText('Something went wrong in the Images view');
  await expect(page.getByRole('textbox', { name: /^Labels/ })).toBeVisible();
  // Editing the labels encodes them again; Try again then shows the results.
  await setLabels(page, ['green star', 'red circle']);
  await expect(page.getByTestId('encode-summary')).toContainText('2 prompts');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(topLabel(page, 'star.png')).toHaveText('green star');
});
