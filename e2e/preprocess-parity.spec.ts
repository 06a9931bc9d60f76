/**
 * The app's own decode + preprocessing, run in the browser's worker on the reference images, gives
 * CLIP's pixel_values (Hugging Face CLIPImageProcessor) exactly: every value bit-identical, with the
 * backend that made each image's reference (see referenceBackend). Prints, per image, the count of
 * values off and the max |diff|.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { clipPreprocessorJson } from '../src/clip/testing/fixtures';
import { missingReferenceData, referenceBackend } from '../src/clip/testing/referenceData';

const reference = join(dirname(fileURLToPath(import.meta.url)), '../../shared/clip-reference');
const images = existsSync(join(reference, 'images')) ? readdirSync(join(reference, 'images')).filter((n) => n.toLowerCase().endsWith('.png')).sort() : [];
const missing = images.length === 0 ? missingReferenceData(reference, process.env.CI) : null;

type Preprocessed = { pixels: number[] } | { error: string };

/**
 * Loads the app with the bundled model's files under another name (the catalog pins the bundled
 * files' hashes) and the given preprocessor_config.json.
 */
async function openWithPreprocessor(page: Page, id: string, preprocessor: Record<string, unknown>): Promise<void> {
  await page.route(`**/models/${id}/**`, async (route) => {
    const url = route.request().url();
    if (!url.endsWith('/preprocessor_config.json')) {
      const response = await route.fetch({ url: url.replace(`/${id}/`, '/clip-shapes-tiny/') });
      return route.fulfill({ response });
    }
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify(preprocessor) });
  });
  await page.goto(`/?model=${id}&host=/models&backend=wasm&debug`);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
}

async function preprocessInWorker(page: Page, path: string): Promise<Preprocessed> {
  const name = basename(path);
  const base64 = readFileSync(path).toString('base64');
  return page.evaluate(
    async ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      type Client = { preprocessImages(i: { name: string; blob: Blob }[]): Promise<{ ok: boolean; pixels?: Float32Array; error?: { message: string } }[]> };
      const client = (window as unknown as { clipClient: Client }).clipClient;
      const [result] = await client.preprocessImages([{ name, blob: new Blob([bytes], { type: 'image/png' }) }]);
      if (!result) return { error: 'no result' };
      return result.ok && result.pixels ? { pixels: Array.from(result.pixels) } : { error: result.error?.message ?? 'failed' };
    },
    { name, base64 },
  );
}

test.describe('preprocessing parity in the browser', () => {
  test('every reference image gives exactly the CLIP pixel_values', async ({ page }) => {
    test.skip(missing?.skip === true, missing?.message);
    expect(images.length, missing?.message).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const backend of ['torchvision', 'pil'] as const) {
      const names = images.filter((name) => referenceBackend(name) === backend);
      if (names.length === 0) continue;
      // CLIP's 224×224 preprocessing, as the reference used, on the backend that made these.
      await openWithPreprocessor(page, `parity-check-${backend}`, { ...clipPreprocessorJson(), backend });
      for (const name of names) {
        const result = await preprocessInWorker(page, join(reference, 'images', name));
        expect('error' in result ? result.error : undefined, name).toBeUndefined();
        const actual = (result as { pixels: number[] }).pixels;
        const expected = new Float32Array(new Uint8Array(readFileSync(join(reference, 'pixels', `${name}.f32`))).buffer);
        expect(actual.length, name).toBe(expected.length);
        let off = 0;
        let max = 0;
        for (let i = 0; i < expected.length; i++) {
          if (Object.is(actual[i], expected[i])) continue;
          off++;
          max = Math.max(max, Math.abs(actual[i]! - expected[i]!));
        }
        const figures = `${name} (${backend}): ${off} of ${expected.length} values off, max |diff| ${max.toExponential(3)}`;
        console.log(figures);
        if (off > 0) failures.push(figures);
      }
    }
    // All images are measured before failing, so one run shows every image's figures.
    expect(failures).toEqual([]);
  });

  test('PNGs with transparency decode to the colours Pillow gives', async ({ page }) => {
    // Tiny PNGs (palette, gray and RGB with a tRNS chunk; RGBA; gray + alpha) and the RGB bytes of
    // Pillow's convert('RGB') for each (scripts/preprocess-fixtures/make_png_fixtures.py). With no
    // resize, rescale or normalisation the worker's output planes are the decoded values.
    const dir = join(dirname(fileURLToPath(import.meta.url)), '../workers/fixtures/png-transparency');
    const fixture = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { width: number; height: number; rgb: Record<string, string> };
    const { width, height } = fixture;
    await openWithPreprocessor(page, 'decode-check', { do_resize: false, crop_size: { height, width }, do_rescale: false, do_normalize: false });
    for (const [file, base64] of Object.entries(fixture.rgb)) {
      const result = await preprocessInWorker(page, join(dir, file));
      expect('error' in result ? result.error : undefined, file).toBeUndefined();
      const planes = (result as { pixels: number[] }).pixels;
      const expected = Buffer.from(base64, 'base64');
      const interleaved = Array.from({ length: width * height * 3 }, (_, i) => planes[(i % 3) * width * height + Math.floor(i / 3)]);
      expect(interleaved, file).toEqual(Array.from(expected));
    }
  });
});
