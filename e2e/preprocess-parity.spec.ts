/**
 * The app's own decode + preprocessing, run in the browser's worker on the reference images, gives
 * CLIP's pixel_values (Hugging Face CLIPImageProcessor) exactly: every value bit-identical, with the
 * backend that made each image's reference (see referenceBackend). Prints, per image, the count of
 * values off and the max |diff|.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { clipPreprocessorJson } from '../src/clip/testing/fixtures';
import { missingReferenceData, referenceBackend } from '../src/clip/testing/referenceData';
import type { ImageProcessorBackend } from '../src/clip/preprocess/resample';

const reference = join(dirname(fileURLToPath(import.meta.url)), '../../shared/clip-reference');
const images = existsSync(join(reference, 'images')) ? readdirSync(join(reference, 'images')).filter((n) => n.toLowerCase().endsWith('.png')).sort() : [];
const missing = images.length === 0 ? missingReferenceData(reference, process.env.CI) : null;

type Preprocessed = { pixels: number[] } | { error: string };

/**
 * Loads the app with the bundled model's files under another name (the catalog pins the bundled
 * files' hashes) and CLIP's 224×224 preprocessing config for `backend`, as the reference used.
 */
async function openWithBackend(page: Page, backend: ImageProcessorBackend): Promise<void> {
  const id = `parity-check-${backend}`;
  await page.route(`**/models/${id}/**`, async (route) => {
    const url = route.request().url();
    if (!url.endsWith('/preprocessor_config.json')) {
      const response = await route.fetch({ url: url.replace(`/${id}/`, '/clip-shapes-tiny/') });
      return route.fulfill({ response });
    }
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ...clipPreprocessorJson(), backend }) });
  });
  await page.goto(`/?model=${id}&host=/models&backend=wasm&debug`);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
}

async function preprocessInWorker(page: Page, name: string): Promise<Preprocessed> {
  const base64 = readFileSync(join(reference, 'images', name)).toString('base64');
  return page.evaluate(
    async ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      type Worker = { preprocessImages(i: { name: string; blob: Blob }[]): Promise<{ ok: boolean; pixels?: Float32Array; error?: string }[]> };
      const worker = (window as unknown as { clipWorker: Worker }).clipWorker;
      const [result] = await worker.preprocessImages([{ name, blob: new Blob([bytes], { type: 'image/png' }) }]);
      return result.ok && result.pixels ? { pixels: Array.from(result.pixels) } : { error: result.error ?? 'failed' };
    },
    { name, base64 },
  );
}

test.describe('preprocessing parity in the browser', () => {
  test.skip(missing?.skip === true, missing?.message);

  test('every reference image gives exactly the CLIP pixel_values', async ({ page }) => {
    expect(images.length, missing?.message).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const backend of ['torchvision', 'pil'] as const) {
      const names = images.filter((name) => referenceBackend(name) === backend);
      if (names.length === 0) continue;
      await openWithBackend(page, backend);
      for (const name of names) {
        const result = await preprocessInWorker(page, name);
        expect('error' in result ? result.error : undefined, name).toBeUndefined();
        const actual = (result as { pixels: number[] }).pixels;
        const expected = new Float32Array(new Uint8Array(readFileSync(join(reference, 'pixels', `${name}.f32`))).buffer);
        expect(actual.length, name).toBe(expected.length);
        let off = 0;
        let max = 0;
        for (let i = 0; i < expected.length; i++) {
          if (Object.is(actual[i], expected[i])) continue;
          off++;
          max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        const figures = `${name} (${backend}): ${off} of ${expected.length} values off, max |diff| ${max.toExponential(3)}`;
        console.log(figures);
        if (off > 0) failures.push(figures);
      }
    }
    // All images are measured before failing, so one run shows every image's figures.
    expect(failures).toEqual([]);
  });
});
