/**
 * The drawing pad, driven as a student would: strokes drawn with the mouse (and a finger) are
 * classified live (with the bundled shapes model a red circle drawn here wins "red circle"), fill,
 * undo, redo, clear and the eraser change what is classified, the text tool writes on the pad, a
 * photo can be drawn on, and "Add to gallery" adds the drawing with its true label and the domain
 * "sketch".
 */
import { expect, test, type Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLOURS, drawShape, openApp, resultFor, setLabels, topLabel } from './app';
import { drawVariant, dropFolder, writeFolder, type FolderFile, type ShapeClass } from './shapesFolder';

const PAD = 448;

/** Screen coordinates of a point given in pad pixels (the canvas may be shown smaller or larger). */
async function padPoint(page: Page, [x, y]: [number, number]): Promise<[number, number]> {
  const box = (await page.getByTestId('drawing-pad').boundingBox())!;
  return [box.x + (x / PAD) * box.width, box.y + (y / PAD) * box.height];
}

/** One mouse stroke through the points (pad pixels). */
async function stroke(page: Page, points: [number, number][]): Promise<void> {
  const box = (await page.getByTestId('drawing-pad').boundingBox())!;
  const at = ([x, y]: [number, number]): [number, number] => [box.x + (x / PAD) * box.width, box.y + (y / PAD) * box.height];
  const [first, ...rest] = points;
  await page.mouse.move(...at(first!));
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(...at(p), { steps: 2 });
  await page.mouse.up();
}

function ring(cx: number, cy: number, r: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a <= 360; a += 12) out.push([cx + r * Math.cos((a * Math.PI) / 180), cy + r * Math.sin((a * Math.PI) / 180)]);
  return out;
}

/** A filled disc drawn with a big brush: rings from the centre outwards. */
async function drawDisc(page: Page, cx: number, cy: number, radius: number): Promise<void> {
  for (let r = 10; r <= radius; r += 22) await stroke(page, ring(cx, cy, r));
}

/** A button of the Draw view (the label editor has an Undo of its own). */
const padButton = (page: Page, name: string) => page.getByRole('region', { name: 'Drawing pad' }).getByRole('button', { name, exact: true });

const liveLabels = (page: Page) => page.getByTestId('drawing-labels');
const liveTop = (page: Page) => liveLabels(page).locator('.scores li.top .score-label');

async function openPad(page: Page, query?: string): Promise<void> {
  await openApp(page, query);
  await page.getByRole('tab', { name: 'Draw', exact: true }).click();
  await expect(page.getByTestId('drawing-pad')).toBeVisible();
  await expect(liveLabels(page)).toContainText('Draw something');
}

/** The pad's pixel at (x, y), as RGB. */
function pixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.getByTestId('drawing-pad').evaluate((canvas: HTMLCanvasElement, { x, y }) => [...canvas.getContext('2d')!.getImageData(x, y, 1, 1).data.slice(0, 3)], { x, y });
}

test('a red circle drawn with the mouse is labelled "red circle" while it is drawn', async ({ page }) => {
  await openPad(page);
  await padButton(page, 'red').click();
  await padButton(page, 'Extra large brush').click();
  await drawDisc(page, 224, 224, 110);
  await expect(liveTop(page)).toHaveText('red circle');
  await expect(page.getByTestId('drawing-latency')).toHaveText(/^\d+ ms$/);
  expect(await pixel(page, 224, 224)).toEqual([224, 27, 27]);
});

test('one picture in flight at a time, and none while the pad does not change', async ({ page }) => {
  await openPad(page, 'model=clip-shapes-tiny&backend=wasm&debug');
  // Count the worker calls the pad makes, through the app's own client (exposed by ?debug).
  await page.evaluate(() => {
    const client = (window as unknown as { clipClient: { encodeFrame: (...args: unknown[]) => Promise<unknown> } }).clipClient;
    const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
    Object.assign(window, { frameStats: stats });
    const original = client.encodeFrame.bind(client);
    client.encodeFrame = async (...args: unknown[]) => {
      stats.calls++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        return await original(...args);
      } finally {
        stats.inFlight--;
      }
    };
  });
  const stats = () => page.evaluate(() => (window as unknown as { frameStats: { calls: number; inFlight: number; maxInFlight: number } }).frameStats);
  await page.getByRole('region', { name: 'Drawing pad' }).getByRole('button', { name: 'Extra large brush', exact: true }).click();
  await drawDisc(page, 224, 224, 110);
  await expect(liveTop(page)).toHaveText('red circle');
  await expect.poll(async () => (await stats()).inFlight).toBe(0);
  const after = await stats();
  expect(after.maxInFlight).toBe(1);
  expect(after.calls).toBeGreaterThan(1); // classified while drawing, not only at the end
  // An unchanged pad is not classified again.
  await page.waitForTimeout(1500);
  expect((await stats()).calls).toBe(after.calls);
  // A change is.
  await stroke(page, [[40, 40], [60, 60]]);
  await expect.poll(async () => (await stats()).calls).toBeGreaterThan(after.calls);
});

test('an outline filled with the fill tool becomes a red circle; clear, undo and redo change the label', async ({ page }) => {
  await openPad(page);
  await padButton(page, 'Medium brush').click();
  await stroke(page, ring(224, 224, 120));
  await expect(liveTop(page)).toBeVisible(); // an outline gets a label too (not necessarily the right one)
  await padButton(page, 'Fill').click();
  await page.mouse.click(...(await padPoint(page, [224, 224])));
  await expect(liveTop(page)).toHaveText('red circle');
  expect(await pixel(page, 224, 224)).toEqual([224, 27, 27]);
  expect(await pixel(page, 10, 10)).toEqual([255, 255, 255]); // the outside stays white

  await padButton(page, 'Clear').click();
  await expect(liveLabels(page)).toContainText('Draw something');
  expect(await pixel(page, 224, 224)).toEqual([255, 255, 255]);
  await padButton(page, 'Undo').click();
  await expect(liveTop(page)).toHaveText('red circle');
  await padButton(page, 'Redo').click();
  await expect(liveLabels(page)).toContainText('Draw something');
  // The keyboard shortcuts do the same.
  await page.keyboard.press('Control+z');
  await expect(liveTop(page)).toHaveText('red circle');
  await page.keyboard.press('Control+z'); // the fill
  await page.keyboard.press('Control+z'); // the outline
  await expect(liveLabels(page)).toContainText('Draw something');
  await expect(padButton(page, 'Undo')).toBeDisabled();
  await page.keyboard.press('Control+y');
  await page.keyboard.press('Control+Shift+Z');
  await expect(liveTop(page)).toHaveText('red circle');

  // The eraser wipes the ink: rubbing out the whole disc leaves the pad white again.
  await padButton(page, 'Eraser').click();
  await padButton(page, 'Extra large brush').click();
  await drawDisc(page, 224, 224, 150);
  expect(await pixel(page, 224, 224)).toEqual([255, 255, 255]);
  expect(await pixel(page, 224 + 100, 224)).toEqual([255, 255, 255]);
});

test('the text tool writes a word on the pad; without a word it says what to do', async ({ page }) => {
  await openPad(page);
  // The typographic attack's button picks the text tool and puts the cursor in the word field.
  await page.getByRole('region', { name: 'Typographic attack' }).getByRole('button', { name: 'Use the text tool' }).click();
  await expect(padButton(page, 'Text')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('textbox', { name: 'Word to write' })).toBeFocused();
  await page.mouse.click(...(await padPoint(page, [224, 224])));
  await expect(page.getByRole('status').filter({ hasText: 'Type a word in the text field first' })).toBeVisible();
  await padButton(page, 'black').click();
  const word = page.getByRole('textbox', { name: 'Word to write' });
  await word.fill('iPod');
  await word.press('Enter'); // written in the middle
  // Dark letters now cross the middle row of the pad, and the drawing is classified.
  const row = await page.getByTestId('drawing-pad').evaluate((canvas: HTMLCanvasElement) => [...canvas.getContext('2d')!.getImageData(0, 224, 448, 1).data]);
  const dark = row.filter((_, i) => i % 4 === 0).filter((r) => r < 80).length;
  expect(dark).toBeGreaterThan(10);
  await expect(liveTop(page)).toBeVisible();
  // Tapping the pad writes it there too.
  await page.mouse.click(...(await padPoint(page, [224, 80])));
  await expect(padButton(page, 'Undo')).toBeEnabled();
  const top = await page.getByTestId('drawing-pad').evaluate((canvas: HTMLCanvasElement) => [...canvas.getContext('2d')!.getImageData(0, 80, 448, 1).data]);
  expect(top.filter((_, i) => i % 4 === 0).filter((r) => r < 80).length).toBeGreaterThan(10);
});

test('a photo as background: it is classified, drawn on, removed; a file that is not a picture is refused', async ({ page }) => {
  await openPad(page);
  const square = await drawShape(page, 'square', COLOURS.blue, { name: 'blue-square.png', width: 300, height: 300 });
  await page.getByTestId('background-input').setInputFiles({ name: square.name, mimeType: square.mimeType, buffer: Buffer.from(square.base64, 'base64') });
  await expect(page.getByText('Drawing on blue-square.png')).toBeVisible();
  await expect(liveTop(page)).toHaveText('blue square');
  // Ink goes on top of the photo; the eraser takes the ink away and the photo shows again.
  await padButton(page, 'yellow').click();
  await stroke(page, [[100, 224], [348, 224]]);
  expect(await pixel(page, 224, 224)).toEqual([242, 210, 12]);
  await padButton(page, 'Eraser').click();
  await stroke(page, [[100, 224], [348, 224]]);
  expect(await pixel(page, 224, 224)).toEqual([31, 63, 224]);
  await page.getByRole('button', { name: 'Remove photo' }).click();
  await expect(page.getByText('Drawing on blue-square.png')).toHaveCount(0);
  expect(await pixel(page, 224, 224)).toEqual([255, 255, 255]);

  await page.getByTestId('background-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(page.getByRole('alert').filter({ hasText: '“notes.txt” could not be read as a picture' })).toBeVisible();
});

test('"Add to gallery" adds the drawing with its true label and the domain "sketch"', async ({ page }) => {
  await openPad(page, 'model=clip-shapes-tiny&backend=wasm&debug');
  await expect(page.getByRole('button', { name: 'Add to gallery' })).toBeDisabled();
  await padButton(page, 'Extra large brush').click();
  await drawDisc(page, 224, 224, 110);
  await expect(liveTop(page)).toHaveText('red circle');
  await page.getByRole('combobox', { name: 'True label' }).selectOption('red circle');
  await expect(page.getByRole('combobox', { name: 'Domain', exact: true })).toHaveValue('sketch');
  await page.getByRole('button', { name: 'Add to gallery' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added drawing-1-red-circle.png to the gallery as “red circle”, domain “sketch”.' })).toBeVisible();

  await page.getByRole('tab', { name: 'Images', exact: true }).click();
  await expect(topLabel(page, 'drawing-1-red-circle.png')).toHaveText('red circle');
  const item = await page.evaluate(() => {
    const { items } = (window as unknown as { appState: { gallery: { getState(): { items: { name: string; origin: string; truth: unknown; domain: string | null }[] } } } }).appState.gallery.getState();
    return items.map(({ name, origin, truth, domain }) => ({ name, origin, truth, domain }));
  });
  expect(item).toEqual([{ name: 'drawing-1-red-circle.png', origin: 'drawing', truth: { label: 'red circle', from: 'drawing' }, domain: 'sketch' }]);
  await expect(resultFor(page, 'drawing-1-red-circle.png').getByRole('img', { name: 'drawing-1-red-circle.png' })).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a finger draws on the pad without scrolling the page, and the buttons are in reach', async ({ page }) => {
    await openPad(page);
    const pad = page.getByTestId('drawing-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const scrollBefore = await page.evaluate(() => window.scrollY);
    // A finger drags rings over the pad (touch events, as a phone sends them).
    const cdp = await page.context().newCDPSession(page);
    await padButton(page, 'Extra large brush').click();
    for (let r = 10; r <= 110; r += 22) {
      const box = (await pad.boundingBox())!;
      const screen = ring(224, 224, r).map(([x, y]) => [box.x + (x / PAD) * box.width, box.y + (y / PAD) * box.height] as const);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: screen[0]![0], y: screen[0]![1] }] });
      for (const [x, y] of screen.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    }
    await expect(liveTop(page)).toHaveText('red circle');
    // The labels panel is below the pad on a phone: the top label also rides on the pad itself.
    await expect(page.getByTestId('drawing-pad').locator('xpath=..').locator('.pad-live')).toContainText('red circle');
    await expect(page.getByTestId('drawing-pad').locator('xpath=..').locator('.pad-live')).toBeInViewport();
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    expect(await pixel(page, 224, 224)).toEqual([224, 27, 27]);
    // Nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test('the tools work from the keyboard', async ({ page }) => {
  await openPad(page);
  const fill = padButton(page, 'Fill');
  await fill.focus();
  await page.keyboard.press('Enter');
  await expect(fill).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab'); // Eraser
  await page.keyboard.press('Tab'); // Text
  await page.keyboard.press('Space');
  await expect(padButton(page, 'Text')).toHaveAttribute('aria-pressed', 'true');
  const word = page.getByRole('textbox', { name: 'Word to write' });
  await word.focus();
  await page.keyboard.type('STOP');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Write in the middle' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(liveTop(page)).toBeVisible();
  await expect(padButton(page, 'Undo')).toBeEnabled();
});

// Examples filed under the other class's words (red circles as "blue square"): the probe learns its
// examples whatever they are called, zero-shot reads the words, so the top label says which answers.
const SWAPPED: ShapeClass[] = [
  { label: 'blue square', shape: 'circle', colour: '#e01b1b' },
  { label: 'red circle', shape: 'square', colour: '#1f3fe0' },
];

test('the live labels switch between zero-shot and a linear probe trained in the Evaluation tab', async ({ page }) => {
  await openPad(page);
  const probeMode = page.getByRole('radio', { name: 'linear probe' });
  await expect(probeMode).toBeDisabled();
  await expect(liveLabels(page)).toContainText('Train a linear probe in the Evaluation tab');

  await setLabels(page, SWAPPED.map((c) => c.label));
  const files: FolderFile[] = [];
  for (const cls of SWAPPED) {
    for (let i = 0; i < 4; i++) files.push({ path: `${cls.label}/${i}.png`, domain: null, label: cls.label, base64: await drawVariant(page, cls, 'plain', 60 + i) });
  }
  const root = join(tmpdir(), `clip-draw-probe-${process.pid}`, 'shapes');
  writeFolder(root, files);
  await dropFolder(page, root);
  await expect(page.getByTestId('result').locator('.scores li.top')).toHaveCount(8, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Evaluation' }).click();
  await page.getByRole('button', { name: 'Train probe on 8 images' }).click();
  await expect(page.getByTestId('probe-status')).toContainText('Probe ready', { timeout: 60_000 });

  await page.getByRole('tab', { name: 'Draw', exact: true }).click();
  await padButton(page, 'red').click();
  await padButton(page, 'Extra large brush').click();
  await drawDisc(page, 224, 224, 110);
  await expect(liveTop(page)).toHaveText('red circle'); // zero-shot reads the words
  await expect(page.getByTestId('drawing-mode')).toHaveCount(0);
  await probeMode.check();
  await expect(page.getByTestId('drawing-mode')).toHaveText('Linear probe');
  await expect(liveTop(page)).toHaveText('blue square'); // what the probe's red-circle examples were called
  await page.getByRole('radio', { name: 'zero-shot' }).check();
  await expect(liveTop(page)).toHaveText('red circle');
});
