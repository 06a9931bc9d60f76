/**
 * The app's own decode + preprocessing, run in the browser's worker on the reference images, gives
 * CLIP's pixel_values (Hugging Face CLIPImageProcessor with Pillow) within the documented tolerance.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { clipPreprocessorJson } from '../src/clip/testing/fixtures';

const reference = join(dirname(fileURLToPath(import.meta.url)), '../../shared/clip-reference');
const images = existsSync(reference) ? readdirSync(join(reference, 'images')) : [];

test.describe('preprocessing parity in the browser', () => {
  test.skip(images.length === 0, `reference data not found at ${reference}`);

  test('every reference image matches CLIP pixel_values (max ≤ 0.02, mean ≤ 0.001)', async ({ page }) => {
    // The reference uses CLIP's 224×224 preprocessing: serve the bundled model's files under another
    // name (the catalog pins the bundled files' hashes) with that preprocessing config.
    await page.route('**/models/parity-check/**', async (route) => {
      const url = route.request().url();
      if (!url.endsWith('/preprocessor_config.json')) {
        const response = await route.fetch({ url: url.replace('/parity-check/', '/clip-shapes-tiny/') });
        return route.fulfill({ response });
      }
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify(clipPreprocessorJson()),
      });
    });
    await page.goto('/?model=parity-check&host=/models&backend=wasm&debug');
    await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
    for (const name of images) {
      const bytes = readFileSync(join(reference, 'images', name));
      const diff = await page.evaluate(
        async ({ name, base64 }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const client = (window as unknown as { clipClient: { preprocessImages(i: { name: string; blob: Blob }[]): Promise<{ ok: boolean; pixels?: Float32Array; error?: { message: string } }[]> } }).clipClient;
          const [result] = await client.preprocessImages([{ name, blob: new Blob([bytes], { type: 'image/png' }) }]);
          if (!result.ok || !result.pixels) return { error: result.error?.message ?? 'failed' };
          return { pixels: Array.from(result.pixels) };
        },
        { name, base64: bytes.toString('base64') },
      );
      expect(diff.error, name).toBeUndefined();
      const expected = new Float32Array(new Uint8Array(readFileSync(join(reference, 'pixels', `${name}.f32`))).buffer);
      const actual = diff.pixels!;
      expect(actual.length, name).toBe(expected.length);
      let max = 0;
      let sum = 0;
      for (let i = 0; i < expected.length; i++) {
        const d = Math.abs(actual[i] - expected[i]);
        if (d > max) max = d;
        sum += d;
      }
      const mean = sum / expected.length;
      console.log(`${name}: max |diff| ${max.toFixed(5)}, mean |diff| ${mean.toFixed(6)}`);
      expect(max, `${name} max |diff|`).toBeLessThanOrEqual(0.02);
      expect(mean, `${name} mean |diff|`).toBeLessThanOrEqual(0.001);
    }
  });
});
