import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { COLOURS, drawShape, dropFiles, topLabel } from './app';
import { buildManifest, cachedBuildFiles } from './serviceWorkerCache';

// SwiftShader's software WebGPU: slow, but real WebGPU code paths (see ../shared/notes/browser.md).
test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, '--enable-unsafe-webgpu'] } });

test('the automatic choice skips a software GPU and uses WASM', async ({ page }) => {
  await page.goto('/?model=clip-shapes-tiny');
  await expect(page.getByTestId('backend')).toContainText('WASM', { timeout: 60_000 });
  await expect(page.getByTestId('backend-notice')).toContainText('software');
});

test('classification on WebGPU (forced) gives the right label', async ({ page }) => {
  await page.goto('/?model=clip-shapes-tiny&backend=webgpu');
  await expect(page.getByTestId('backend')).toHaveText('WebGPU · fp32', { timeout: 90_000 });
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'gpu-red.png' })]);
  await expect(topLabel(page, 'gpu-red.png')).toHaveText('red circle', { timeout: 90_000 });
  await dropFiles(page, [await drawShape(page, 'square', COLOURS.blue, { name: 'gpu-blue.png' })]);
  await expect(topLabel(page, 'gpu-blue.png')).toHaveText('blue square', { timeout: 90_000 });
  // onnxruntime's WebGPU files are not fetched ahead for everyone; a browser that used them keeps them.
  const manifest = buildManifest();
  await expect
    .poll(async () => (await cachedBuildFiles(page, manifest.build)).filter((f) => manifest.webgpu.includes(f)).sort(), { timeout: 60_000 })
    .toEqual([...manifest.webgpu].sort());
});
