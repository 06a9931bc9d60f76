/**
 * Image decoding errors are typed and name the image. Node has no `createImageBitmap`, so these
 * cover the paths that do not need it: type checks, the JavaScript PNG decoder (RGBA PNGs) and the
 * pixel limit.
 */
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodeImage, MAX_PIXELS } from './decodeImage';
import { ClipError } from './errors';

function rgbaPng(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) & 0xff;
  return encode({ width, height, data, channels: 4, depth: 8 });
}

async function failure(promise: Promise<unknown>): Promise<ClipError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ClipError);
  return error as ClipError;
}

describe('decodeImage', () => {
  it('decodes an RGBA PNG to straight RGBA', async () => {
    const png = rgbaPng(3, 2);
    const image = await decodeImage(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'a.png');
    expect(image).toMatchObject({ width: 3, height: 2, channels: 4 });
    expect(Array.from(image.data.slice(0, 8))).toEqual([0, 37, 74, 111, 148, 185, 222, 3]);
  });

  it('recognises a PNG without a MIME type by its first bytes', async () => {
    const image = await decodeImage(new Blob([rgbaPng(2, 2) as Uint8Array<ArrayBuffer>]), 'pasted');
    expect(image.width).toBe(2);
  });

  it('says a text file is not an image, with its type', async () => {
    const error = await failure(decodeImage(new Blob(['hello'], { type: 'text/plain' }), 'notes.txt'));
    expect(error.toData()).toEqual({ kind: 'not-image', file: 'notes.txt', message: 'notes.txt is not an image (text/plain)' });
    expect((await failure(decodeImage(new Blob(['hello']), 'untyped'))).toData()).toEqual({ kind: 'not-image', file: 'untyped', message: 'untyped is not an image' });
  });

  it('fails an empty or corrupt image as a decode error', async () => {
    const empty = await failure(decodeImage(new Blob([], { type: 'image/png' }), 'empty.png'));
    expect(empty).toMatchObject({ kind: 'decode', file: 'empty.png', message: 'empty.png is empty' });
    const png = rgbaPng(4, 4);
    const corrupt = png.slice(0, 60); // the header survives, the pixel data does not
    const error = await failure(decodeImage(new Blob([corrupt], { type: 'image/png' }), 'broken.png'));
    expect(error).toMatchObject({ kind: 'decode', file: 'broken.png' });
    expect(error.message).toBe('broken.png could not be decoded: the file is corrupt or not a supported image format');
  });

  it('refuses images over the pixel limit before decoding them', async () => {
    const png = rgbaPng(2, 2);
    // Claim 20000×20000 in the header: decoding would need 1.6 GB.
    const view = new DataView(png.buffer, png.byteOffset);
    view.setUint32(16, 20000);
    view.setUint32(20, 20000);
    expect(20000 * 20000).toBeGreaterThan(MAX_PIXELS);
    const error = await failure(decodeImage(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'huge.png'));
    expect(error).toMatchObject({ kind: 'limit', file: 'huge.png' });
    expect(error.message).toBe('huge.png is too large (20000×20000, over 100 megapixels)');
  });
});
