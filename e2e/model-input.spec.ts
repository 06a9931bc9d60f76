/**
 * What the model sees: CLIP's centre crop of a wide picture (outlined on the card, shown as the
 * model's input pixels) misses a subject at the edge; the padded fit sees the whole picture.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { COLOURS, dropFiles, openApp, resultFor, topLabel, type DroppedFile } from './app';
import { contentBox, docsScreenshot } from './layout';

/** A white 960×240 picture with a red disc (radius 100) at its far left, as a PNG. */
async function wideRedCircle(page: Page, name = 'wide-red-circle.png'): Promise<DroppedFile> {
  const base64 = await page.evaluate(async (colour) => {
    const canvas = new OffscreenCanvas(960, 240);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 960, 240);
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.arc(110, 120, 100, 0, Math.PI * 2);
    ctx.fill();
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  }, COLOURS.red);
  return { name, mimeType: 'image/png', base64 };
}

/** The outline's left and right edges as fractions of the picture's width on screen. */
async function outlineSpan(card: Locator): Promise<{ left: number; right: number; top: number; bottom: number }> {
  const picture = await contentBox(card.locator('.thumb img'));
  // The rectangle's geometry (not its stroke), on screen.
  const outline = await card.getByTestId('crop-rect').evaluate((rect: SVGRectElement) => {
    const box = rect.getBBox();
    const m = rect.getScreenCTM()!;
    return { x: m.a * box.x + m.e, y: m.d * box.y + m.f, width: m.a * box.width, height: m.d * box.height };
  });
  return {
    left: (outline.x - picture.x) / picture.width,
    right: (outline.x + outline.width - picture.x) / picture.width,
    top: (outline.y - picture.y) / picture.height,
    bottom: (outline.y + outline.height - picture.y) / picture.height,
  };
}

/** Counts of red pixels in the left and right halves of the model-input canvas, and whether the top and bottom rows are the grey padding. */
async function readModelInput(dialog: Locator) {
  const canvas = dialog.getByTestId('model-input-canvas');
  await expect(canvas).toBeVisible();
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const { width, height } = element;
    const data = element.getContext('2d')!.getImageData(0, 0, width, height).data;
    const at = (x: number, y: number) => Array.from(data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3));
    let redLeft = 0;
    let redRight = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const [r = 0, g = 0, b = 0] = at(x, y);
        if (r > 180 && g < 90 && b < 90) {
          if (x < width / 2) redLeft++;
          else redRight++;
        }
      }
    }
    return { width, height, redLeft, redRight, corner: at(0, 0), centre: at(width / 2, height / 2) };
  });
}

test('the model sees only the centre of a wide picture (outlined and shown); the padded fit sees all of it', async ({ page }) => {
  await openApp(page);
  const name = 'wide-red-circle.png';
  await dropFiles(page, [await wideRedCircle(page, name)]);
  const card = resultFor(page, name);

  // Centre crop, CLIP's reference: the disc is outside the model's view, and it says something else.
  await expect(topLabel(page, name)).toHaveText(/\S/);
  await expect(topLabel(page, name)).not.toHaveText('red circle');
  const cropped = await outlineSpan(card);
  // 960×240 → the middle 240×240: from 37.5% to 62.5% of the width, the full height.
  expect(cropped.left).toBeCloseTo(0.375, 2);
  expect(cropped.right).toBeCloseTo(0.625, 2);
  expect(cropped.top).toBeCloseTo(0, 2);
  expect(cropped.bottom).toBeCloseTo(1, 2);
  await expect(card.getByRole('img', { name: /The model sees the outlined part: 240 × 240 of 960 × 240 pixels/ })).toBeVisible();

  // The model's own input: 64×64 (the demo model's size), white, no trace of the red disc.
  await card.getByRole('button', { name: `Model input of ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: 'What the model sees' });
  await expect(dialog).toBeVisible();
  const croppedInput = await readModelInput(dialog);
  expect(croppedInput).toMatchObject({ width: 64, height: 64, redLeft: 0, redRight: 0 });
  expect(croppedInput.centre).toEqual([255, 255, 255]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The whole image, padded: the model now sees the disc and names it.
  await page.getByRole('radio', { name: 'Whole image (padded)' }).check();
  await expect(topLabel(page, name)).toHaveText('red circle');
  const padded = await outlineSpan(card);
  expect(padded.left).toBeCloseTo(0, 2);
  expect(padded.right).toBeCloseTo(1, 2);
  await expect(card.getByRole('img', { name: 'The model sees the whole picture, padded to a square' })).toBeVisible();

  await card.getByRole('button', { name: `Model input of ${name}` }).click();
  await expect(dialog).toBeVisible();
  const paddedInput = await readModelInput(dialog);
  expect(paddedInput.redLeft).toBeGreaterThan(20);
  expect(paddedInput.redRight).toBe(0);
  // Above and below the picture: the mean colour (123, 117, 104), give or take the resize.
  paddedInput.corner.forEach((value, c) => expect(Math.abs(value - [123, 117, 104][c]!)).toBeLessThanOrEqual(2));
  await expect(dialog).toContainText('Whole image: the picture is shrunk into the square');
  await docsScreenshot(dialog, 'model-input.png');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Back to the reference: the crop again, and the mislabel with it.
  await page.getByRole('radio', { name: /Centre crop/ }).check();
  await expect(topLabel(page, name)).not.toHaveText('red circle');
  expect((await outlineSpan(card)).left).toBeCloseTo(0.375, 2);
});
