/**
 * Limits a user or a link can run into, each with a message where it happens: the label editor
 * (2000 labels, 300-character labels and template), a link with far more, `?threads` above the
 * cores, and big photos shown as small thumbnails.
 */
import { expect, test } from '@playwright/test';
import { COLOURS, drawShape, dropFiles, fileFromBytes, openApp, setLabels, topLabel } from './app';

test('the label editor encodes at most 2000 labels and a 300-character template, and says so', async ({ page }) => {
  await openApp(page);
  const labels = Array.from({ length: 2100 }, (_, i) => `${['red', 'blue', 'green'][i % 3]} thing ${i}`);
  await setLabels(page, labels);
  const limits = page.getByTestId('label-limits');
  await expect(limits).toHaveText('2,100 labels: only the first 2,000 are used.');
  await expect(page.locator('.label-count')).toHaveText(/^2000 labels/, { timeout: 90_000 });

  await setLabels(page, ['red circle', 'blue square']);
  await expect(limits).toBeHidden();
  await page.getByRole('textbox', { name: /^Prompt template/ }).fill(`a photo of a {}${' and more'.repeat(40)}`);
  await expect(limits).toHaveText('The template has 375 characters: only the first 300 are used.');
  // Nothing is lost: the text stays as typed.
  await expect(page.getByRole('textbox', { name: /^Prompt template/ })).toHaveValue(`a photo of a {}${' and more'.repeat(40)}`);
});

test('a link with too many labels and a long template is cut, and the editor says what the link asked for', async ({ page }) => {
  // Short labels: the whole link must stay under the HTTP server's 16 kB header limit.
  const params = new URLSearchParams({ model: 'clip-shapes-tiny', backend: 'wasm' });
  params.set('labels', Array.from({ length: 2050 }, (_, i) => i.toString(36)).join('\n'));
  params.set('template', '{}'.repeat(160));
  await openApp(page, params.toString());
  const note = page.getByTestId('link-limits');
  await expect(note).toContainText('The link asked for more than this app encodes');
  await expect(note).toContainText('2,050 labels: only the first 2,000 are used.');
  await expect(note).toContainText('The template has 320 characters: only the first 300 are used.');
  await expect(page.getByRole('textbox', { name: /^Prompt template/ })).toHaveValue('{}'.repeat(150));
  await expect(page.locator('.label-count')).toHaveText(/^2000 labels/, { timeout: 90_000 });
  await note.getByRole('button', { name: 'Dismiss' }).click();
  await expect(note).toBeHidden();
});

test('?threads=32 starts no more WASM threads than the machine has cores', async ({ page }) => {
  await openApp(page, 'model=clip-shapes-tiny&backend=wasm&threads=32');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const expected = Math.min(32, cores);
  await expect(page.getByTestId('backend')).toHaveText(new RegExp(`WASM · ${expected} threads?`));
});

test('a large photo is shown as a small thumbnail and still classified from the full image', async ({ page }) => {
  await openApp(page);
  await setLabels(page, ['red circle', 'blue square']);
  await dropFiles(page, [await drawShape(page, 'circle', COLOURS.red, { width: 2400, height: 1800, name: 'big-red-circle.png' })]);
  await expect(topLabel(page, 'big-red-circle.png')).toHaveText('red circle');
  const thumbnail = page.getByTestId('result').filter({ hasText: 'big-red-circle.png' }).locator('img');
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : null))).toEqual([480, 360]);
});

test('a big JPEG taken sideways gets an upright thumbnail of the right size, decoded at a reduced size', async ({ page }) => {
  // Watches (does not replace) WebCodecs' decoder: the sizes of the frames it gives the page.
  await page.addInitScript(() => {
    const frames: number[][] = [];
    (window as unknown as { decodedFrames: number[][] }).decodedFrames = frames;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the decoder as `this`
    const decode = ImageDecoder.prototype.decode;
    ImageDecoder.prototype.decode = async function (this: ImageDecoder, options?: ImageDecodeOptions) {
      const result = await decode.call(this, options);
      frames.push([result.image.codedWidth, result.image.codedHeight]);
      return result;
    };
  });
  await openApp(page);
  await setLabels(page, ['red circle', 'blue square']);
  // 2400×1200, left half red, right half blue, stored with EXIF orientation 6 (turn 90° clockwise):
  // shown 1200×2400 with the red half on top, as a phone's portrait photo is.
  const jpeg = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(2400, 1200);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#e00000';
    ctx.fillRect(0, 0, 1200, 1200);
    ctx.fillStyle = '#0000e0';
    ctx.fillRect(1200, 0, 1200, 1200);
    return Array.from(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer()));
  });
  await dropFiles(page, [fileFromBytes('sideways.jpg', 'image/jpeg', withOrientation(Uint8Array.from(jpeg), 6))]);
  const card = page.getByTestId('result').filter({ hasText: 'sideways.jpg' });
  await expect(topLabel(page, 'sideways.jpg')).toHaveText(/^(red circle|blue square)$/);
  const thumbnail = card.locator('img');
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : null))).toEqual([240, 480]);
  const [top, bottom] = await thumbnail.evaluate((img: HTMLImageElement) => {
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const at = (y: number) => Array.from(ctx.getImageData(120, y, 1, 1).data.slice(0, 3));
    return [at(60), at(420)];
  });
  expect(top[0]).toBeGreaterThan(180); // red on top
  expect(top[2]).toBeLessThan(60);
  expect(bottom[2]).toBeGreaterThan(180); // blue below
  expect(bottom[0]).toBeLessThan(60);
  // Decoded at half size (as stored, before the turn), not at 2400×1200.
  expect(await page.evaluate(() => (window as unknown as { decodedFrames: number[][] }).decodedFrames)).toEqual([[1200, 600]]);
});

/** The JPEG with an EXIF segment holding only an orientation (1–8), right after its start marker. */
function withOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  // "Exif\0\0", then a little-endian TIFF header and one IFD entry: tag 0x0112, SHORT, count 1.
  const tiff = [0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff];
  const length = payload.length + 2;
  const segment = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
  return Uint8Array.from([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);
}
