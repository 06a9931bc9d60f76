import { expect, test } from '@playwright/test';
import { openApp, resultFor, topLabel } from './app';

test('a first visit explains CLIP and the percentages, and every drawn sample is classified in one click', async ({ page }) => {
  await openApp(page);
  const panel = page.getByTestId('what-is-clip');
  await expect(panel.getByRole('heading', { name: 'What is CLIP?' })).toBeVisible();
  await expect(panel).toContainText('zero-shot');
  // The diagram: two encoders, one shared space, softmax over the labels (its numbers computed).
  await expect(panel.getByRole('img', { name: /image encoder turns the picture into a vector; a text encoder/ })).toBeVisible();
  await expect(panel.getByRole('img', { name: /one shared space/ })).toBeVisible();
  await expect(panel.getByRole('img', { name: /Softmax over 100 × cosine similarity: cat 0\.30 gives 95%, dog 0\.27 gives 5%, car 0\.25 gives 1%/ })).toBeVisible();
  await expect(page.getByTestId('percentages-note')).toContainText('one label alone always gets 100%');

  // The bundled model knows coloured shapes: the samples are shapes the app draws.
  const samples = panel.getByRole('group', { name: 'Try a sample' });
  const names = ['red circle', 'blue star', 'green heart', 'yellow triangle', 'purple cross', 'orange square'];
  for (const name of names) {
    await samples.getByRole('button', { name: `Try a sample: ${name}` }).click();
    const file = `sample-${name.replace(' ', '-')}.png`;
    await expect(topLabel(page, file)).toHaveText(name);
  }
  await expect(page.getByTestId('result')).toHaveCount(names.length);
});

test('the panel can be hidden for good and brought back; the empty gallery offers samples too', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('what-is-clip').getByRole('button', { name: 'Got it, hide this' }).click();
  await expect(page.getByTestId('what-is-clip')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('what-is-clip')).toHaveCount(0);

  // Without the panel, the empty gallery still has the samples.
  await page.locator('.empty').getByRole('button', { name: 'Try a sample: green heart' }).click();
  await expect(topLabel(page, 'sample-green-heart.png')).toHaveText('green heart');

  await page.getByRole('button', { name: 'What is CLIP?' }).click();
  await expect(page.getByTestId('what-is-clip')).toBeVisible();
});

test('one label is pointed out: it always gets 100%', async ({ page }) => {
  await openApp(page);
  await page.getByRole('textbox', { name: /^Labels/ }).fill('red circle');
  await expect(page.getByTestId('one-label-hint')).toContainText('every image gets 100%');
  await page.getByRole('textbox', { name: /^Labels/ }).fill('red circle\nblue star');
  await expect(page.getByTestId('one-label-hint')).toHaveCount(0);
});

test('with a photo model the samples are photos, fetched from the app and classified', async ({ page }) => {
  // A copy of the bundled model under another id: the app treats it as a real CLIP, and offers photos.
  await page.route('**/models/photo-model/**', async (route) => {
    const response = await route.fetch({ url: route.request().url().replace('/photo-model/', '/clip-shapes-tiny/') });
    await route.fulfill({ response });
  });
  await openApp(page, 'model=photo-model&host=/models&backend=wasm');
  const samples = page.getByTestId('what-is-clip').getByRole('group', { name: 'Try a sample' });
  await expect(samples.getByRole('button')).toHaveText(['a cat', 'coffee', 'an astronaut', 'a rocket', 'a horse (drawing)']);
  await samples.getByRole('button', { name: 'Try a sample: a cat' }).click();
  await expect(resultFor(page, 'cat.jpg').locator('.scores li.top')).toBeVisible();
  await expect(resultFor(page, 'cat.jpg').getByRole('img', { name: 'cat.jpg' })).toHaveJSProperty('naturalWidth', 448);
});
