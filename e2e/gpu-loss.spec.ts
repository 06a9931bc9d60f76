/**
 * Losing the GPU device onnxruntime runs on (issue "Hardening": the app listened on a device of
 * its own while onnxruntime made another). On SwiftShader's WebGPU (slow, but real WebGPU): the
 * app makes exactly one device and hands it to onnxruntime; when that device is lost the page
 * says so, shows WASM, and still labels a drawing correctly.
 *
 * The test sees the devices by wrapping GPUAdapter.prototype.requestDevice in the CLIP worker (its
 * script is prepended with a few lines as the test fetches it; the app has no test hooks): it
 * counts every device made in the worker, onnxruntime's own included, and keeps them, so the test
 * can destroy the one in use.
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { COLOURS, drawShape, dropFiles, topLabel } from './app';

test.use({
  launchOptions: { executablePath: '/usr/bin/chromium', args: [...chromiumArgs, '--enable-unsafe-webgpu'] },
  // The worker's script must come from the network (through the route below), not the offline cache.
  serviceWorkers: 'block',
});

const DEVICE_PROBE = `(() => {
  if (typeof GPUAdapter === 'undefined') return;
  const requestDevice = GPUAdapter.prototype.requestDevice;
  self.__gpuDevices = [];
  GPUAdapter.prototype.requestDevice = async function (...args) {
    const device = await requestDevice.apply(this, args);
    self.__gpuDevices.push(device);
    return device;
  };
})();
`;

/** What the probe keeps in the worker (devices: only `destroy` is used here). */
type Probed = { __gpuDevices: { destroy(): void }[] };

async function clipWorker(page: Page): Promise<Worker> {
  const find = () => page.workers().find((worker) => /\/clip\.worker-[^/]*\.js$/.test(worker.url()));
  await expect.poll(() => find() !== undefined).toBe(true);
  return find()!;
}

test('losing the device onnxruntime runs on moves the model to WASM, says so, and still labels correctly; one device only', async ({ page }) => {
  test.setTimeout(300_000);
  await page.context().route(/\/assets\/clip\.worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: DEVICE_PROBE + (await response.text()) });
  });
  await page.goto('/?model=clip-shapes-tiny&backend=webgpu');
  await expect(page.getByTestId('backend')).toHaveText('WebGPU · fp32', { timeout: 120_000 });
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { name: 'on-gpu.png' })]);
  await expect(topLabel(page, 'on-gpu.png')).toHaveText('red circle', { timeout: 120_000 });

  const worker = await clipWorker(page);
  const devices = () => worker.evaluate(() => (self as unknown as Probed).__gpuDevices.length);
  expect(await devices()).toBe(1);

  // The one device there is, is the one onnxruntime runs on: lose it.
  await worker.evaluate(() => (self as unknown as Probed).__gpuDevices.forEach((device) => device.destroy()));
  await expect(page.getByTestId('backend-notice')).toContainText('The GPU device was lost', { timeout: 60_000 });
  await expect(page.getByTestId('backend-notice')).toContainText('switched to WASM');
  await expect(page.getByTestId('backend')).toContainText('WASM', { timeout: 60_000 });

  await dropFiles(page, [await drawShape(page, 'triangle', COLOURS.yellow, { name: 'after-loss.png' })]);
  await expect(topLabel(page, 'after-loss.png')).toHaveText('yellow triangle', { timeout: 60_000 });
  // The image labelled on the GPU is labelled again by the model in use (a new generation).
  await expect(topLabel(page, 'on-gpu.png')).toHaveText('red circle');
  expect(await devices()).toBe(1);
});
