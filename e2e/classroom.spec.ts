import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { COLOURS, drawShape, dropFiles, topLabel } from './app';
import { CLASSROOM_NAME, classroomResolverArgs, startClassroomServer, type ClassroomServer } from './fixtures/classroomServer';
import { startPlainServer, type PlainServer } from './fixtures/plainServer';
import { qrFromScreenshot, qrFromTerminal } from './fixtures/qr';
import { writeY4m } from './fixtures/y4m';

// The student's camera films a red circle.
const video = join(tmpdir(), 'clip-e2e-classroom.y4m');
writeY4m(video, [{ shape: 'circle', rgb: [224, 27, 27], frames: 10 }]);

test.use({
  ignoreHTTPSErrors: true, // the certificate the server made itself: a student accepts it once
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [...chromiumArgs, ...classroomResolverArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
});

let server: ClassroomServer;
let plain: PlainServer;

test.beforeAll(async () => {
  server = await startClassroomServer();
  plain = await startPlainServer();
});

test.afterAll(async () => {
  await server?.close();
  await plain?.close();
});

test('the classroom server prints an https address and a QR code, and keeps its certificate', () => {
  expect(server.url).toBe(`https://${CLASSROOM_NAME}:${server.port}/`);
  expect(qrFromTerminal(server.output())).toBe(server.url); // what a student's phone reads from the printed QR code
  expect(server.output()).toContain('warns once');
  expect(existsSync(join(server.certDir, 'cert.pem'))).toBe(true);
  expect(existsSync(join(server.certDir, 'key.pem'))).toBe(true);
});

test('a plain-http visit to the same address is sent to https', async ({ page, request }) => {
  const answer = await request.get(`http://127.0.0.1:${server.port}/?view=camera`, { maxRedirects: 0 });
  expect(answer.status()).toBe(307);
  expect(answer.headers()['location']).toBe(`https://127.0.0.1:${server.port}/?view=camera`);
  // A student who typed the address without https:// lands on the secure page.
  await page.goto(`http://${CLASSROOM_NAME}:${server.port}/?model=clip-shapes-tiny&backend=wasm`);
  await expect(page).toHaveURL(`https://${CLASSROOM_NAME}:${server.port}/?model=clip-shapes-tiny&backend=wasm`);
  expect(await page.evaluate(() => isSecureContext)).toBe(true);
});

test('a student reaching it by name gets a secure page: the model loads, a drawing and the camera are classified, Share gives the room address', async ({ page }) => {
  const response = await page.goto(`${server.url}?model=clip-shapes-tiny&backend=wasm`);
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await page.evaluate(() => [isSecureContext, crossOriginIsolated, typeof crypto.subtle])).toEqual([true, true, 'object']);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('backend')).toContainText(`WASM · ${cores} thread${cores === 1 ? '' : 's'}`);
  await expect(page.getByTestId('insecure-banner')).toHaveCount(0);

  await dropFiles(page, [await drawShape(page, 'star', COLOURS.green, { name: 'drawn.png' })]);
  await expect(topLabel(page, 'drawn.png')).toHaveText('green star');

  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('live-labels').locator('.scores li.top .score-label')).toHaveText('red circle');

  await page.getByRole('button', { name: 'Share' }).click();
  const link = page.getByTestId('share-url');
  await expect(link).toHaveValue(new RegExp(`^https://${CLASSROOM_NAME}:${server.port}/\\?`));
  await expect(link).toHaveValue(/[?&]view=camera(&|$)/);
  await expect(page.getByTestId('share-warning')).toHaveCount(0);
});

test('the lecturer, on localhost, shares the room address the server gives, not localhost', async ({ page }) => {
  await page.goto(`https://127.0.0.1:${server.port}/?model=clip-shapes-tiny&backend=wasm&view=insights`);
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByTestId('share-url')).toHaveValue(new RegExp(`^https://${CLASSROOM_NAME}:${server.port}/\\?.*view=insights`));
  await expect(page.getByText('The room’s address, from the classroom server')).toBeVisible();
  // The QR code on the lecturer's screen is what students' phones open.
  const qr = page.getByRole('dialog', { name: 'Share this setup' }).getByRole('img', { name: 'QR code of the link' });
  expect(await qrFromScreenshot(page, qr)).toBe(await page.getByTestId('share-url').inputValue());
  await expect(page.getByTestId('share-warning')).toHaveCount(0);
});

test('a plain-http page from another address says what will not work and how to fix it', async ({ page }) => {
  const address = `http://${CLASSROOM_NAME}:${new URL(plain.url).port}/`;
  await page.goto(`${address}?model=clip-shapes-tiny&backend=wasm`);
  expect(await page.evaluate(() => isSecureContext)).toBe(false);
  const banner = page.getByTestId('insecure-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('no camera');
  await expect(banner).toContainText('no offline copy');
  await expect(banner).toContainText('no model cache');
  await expect(banner).toContainText('one processor core');
  await expect(banner).toContainText('open the https:// address');

  // Share says the link is plain http; the camera view says why it cannot start.
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByTestId('share-url')).toHaveValue(new RegExp(`^${address}`));
  await expect(page.getByTestId('share-warning')).toContainText('plain http://');
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Live camera' }).click();
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByText('needs a secure https:// page')).toBeVisible();

  // Hidden for the rest of the visit once read.
  await banner.getByRole('button', { name: 'Hide' }).click();
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('insecure-banner')).toHaveCount(0);
});
