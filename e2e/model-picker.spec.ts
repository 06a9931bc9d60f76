/**
 * The model picker: what a model costs and how good it is, shown before anything is downloaded;
 * downloads ask the hub for the catalog's pinned commit.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './app';

/** The hub is out of reach: its requests fail and are listed, then the app opens the picker. */
async function openPickerWithoutHub(page: Page): Promise<string[]> {
  const hubRequests: string[] = [];
  await page.route('https://huggingface.co/**', (route) => {
    hubRequests.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await openApp(page);
  await page.getByText('Change model').click();
  return hubRequests;
}

test('choosing a model shows its download size, ImageNet accuracy and pinned commit, and downloads nothing', async ({ page }) => {
  const hubRequests = await openPickerWithoutHub(page);
  const facts = page.getByTestId('model-facts');
  const select = page.getByLabel('Model', { exact: true });

  await select.selectOption({ label: 'CLIP ViT-B/32' });
  await expect(facts).toContainText('ImageNet zero-shot top-1: 63.2%');
  // 8-bit towers on WASM: 89,117,001 + 64,504,507 bytes
  await expect(facts).toContainText('download ≈ 146.5 MB on WASM');
  await expect(facts).toContainText('Hub commit d15189d; the files it uses are checked by size and SHA-256 (10 pinned)');

  await select.selectOption({ label: 'MobileCLIP S0' });
  await expect(facts).toContainText('ImageNet zero-shot top-1: 67.8%');
  // fp32 image tower (8-bit breaks it) + 8-bit text tower
  await expect(facts).toContainText('download ≈ 84.3 MB on WASM');
  await expect(facts).toContainText('Hub commit 757d59c');

  await select.selectOption({ label: 'MobileCLIP S2' });
  await expect(facts).toContainText('ImageNet zero-shot top-1: 74.4%');
  await expect(facts).toContainText('(not pinned to a commit); not verified (no pinned hashes)');

  await select.selectOption({ label: 'Shapes demo (bundled)' });
  await expect(facts).toContainText('Ships with the app');
  // The model in use: what the worker actually checked when it loaded the files.
  await expect(facts).toContainText('Served by this app; checked on load: 6 of 6 files checked by SHA-256');
  await expect(page.getByTestId('verification')).toHaveText('✓ 6 of 6 files checked by SHA-256');
  expect(hubRequests).toEqual([]);
});

test('a hub model is requested at its pinned commit; without the hub the error says so and offers a retry', async ({ page }) => {
  const hubRequests = await openPickerWithoutHub(page);
  await page.getByLabel('Model', { exact: true }).selectOption({ label: 'CLIP ViT-B/32' });
  await page.getByRole('button', { name: 'Download and use' }).click();
  // The configs are fetched together and retried with jitter: the first to give up is named.
  await expect(page.getByRole('alert')).toContainText(/(config|preprocessor_config|tokenizer|tokenizer_config)\.json/, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  expect(hubRequests.length).toBeGreaterThan(0);
  for (const url of hubRequests) expect(url).toContain('/Xenova/clip-vit-base-patch32/resolve/d15189d7028b43f1d3e65039190477f6af591c2a/');
});
