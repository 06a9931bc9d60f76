import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { writeY4m } from './fixtures/y4m';

// The live camera on (software) WebGPU: the same worker path, another execution provider.
const video = join(tmpdir(), 'clip-e2e-camera-webgpu.y4m');
writeY4m(video, [{ shape: 'square', rgb: [31, 63, 224], frames: 10 }]);

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, '--enable-unsafe-webgpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
});

test('the live camera labels frames on WebGPU', async ({ page }) => {
  await page.goto('/?model=clip-shapes-tiny&backend=webgpu');
  await expect(page.getByTestId('backend')).toHaveText('WebGPU · fp32', { timeout: 90_000 });
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('live-labels').locator('.scores li.top .score-label')).toHaveText('blue square', { timeout: 90_000 });
  await expect(page.getByTestId('live-stats')).toHaveText(/fps · \d+ ms per frame/);
});
