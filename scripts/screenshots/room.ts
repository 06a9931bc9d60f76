/**
 * The README's screenshots of the lecture-room features (docs/first-visit.png, docs/share-room.png,
 * docs/projector-qr.png, docs/insecure-phone.png), taken from the built app as a student and the
 * lecturer see it: `npx vite build && npx tsx scripts/screenshots/room.ts`.
 * Runs the real classroom server on 127.0.0.1 as `classroom.test` (a name mapped to loopback).
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config';
import { classroomResolverArgs, startClassroomServer } from '../../e2e/fixtures/classroomServer';
import { startPlainServer } from '../../e2e/fixtures/plainServer';

const QUERY = '?model=clip-shapes-tiny&backend=wasm';

async function ready(page: Page): Promise<void> {
  await page.getByTestId('backend').waitFor({ timeout: 60_000 });
}

const server = await startClassroomServer();
const plain = await startPlainServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...chromiumArgs, ...classroomResolverArgs] });
try {
  const desk = await browser.newContext({ viewport: { width: 1280, height: 720 }, ignoreHTTPSErrors: true, colorScheme: 'light' });
  const page = await desk.newPage();

  // A student's first visit, by the room's address.
  await page.goto(`${server.url}${QUERY}`);
  await ready(page);
  await page.getByTestId('what-is-clip').screenshot({ path: 'docs/first-visit.png' });

  // The lecturer, on localhost: Share gives the room's address.
  await page.goto(`https://127.0.0.1:${server.port}/${QUERY}&view=camera`);
  await ready(page);
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('img', { name: 'QR code of the link' }).waitFor();
  await page.getByRole('dialog', { name: 'Share this setup' }).screenshot({ path: 'docs/share-room.png' });
  await page.keyboard.press('Escape');

  // On the projector: the QR code as large as the screen allows.
  await page.getByRole('button', { name: 'Present' }).click();
  await page.getByRole('button', { name: 'QR code' }).click();
  await page.getByRole('dialog', { name: 'QR code for the room' }).getByRole('img', { name: 'QR code of the link' }).waitFor();
  await page.screenshot({ path: 'docs/projector-qr.png' });
  await desk.close();

  // A phone that opened a plain-http address.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'light' });
  const student = await phone.newPage();
  await student.goto(`http://classroom.test:${new URL(plain.url).port}/${QUERY}`);
  const banner = student.getByTestId('insecure-banner');
  await banner.waitFor();
  const box = await banner.boundingBox();
  await student.screenshot({ path: 'docs/insecure-phone.png', clip: { x: 0, y: 0, width: 390, height: Math.ceil((box?.y ?? 0) + (box?.height ?? 844) + 12) } });
  await phone.close();
} finally {
  await browser.close();
  await server.close();
  await plain.close();
}
