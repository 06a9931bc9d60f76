/**
 * Test images, made in the page with OffscreenCanvas (a noisy colour gradient, JPEG quality 0.9),
 * returned to Node as base64 so that the app, the peer and native onnxruntime-node all get the
 * same bytes. `blobsFromBase64` turns them back into Blobs inside another page.
 */
export const IMAGE_SPECS = {
  frame: { width: 640, height: 480, type: 'image/jpeg' },
  photo: { width: 4000, height: 3000, type: 'image/jpeg' },
};

export async function makeImages(page) {
  return page.evaluate(async (specs) => {
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const out = {};
    for (const [name, { width, height, type }] of Object.entries(specs)) {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      const image = ctx.createImageData(width, height);
      const d = image.data;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          const n = (random() - 0.5) * 40;
          d[i] = (255 * x) / width + n;
          d[i + 1] = (255 * y) / height + n;
          d[i + 2] = 128 + 100 * Math.sin((x + y) / 60) + n;
          d[i + 3] = 255;
        }
      }
      ctx.putImageData(image, 0, 0);
      const blob = await canvas.convertToBlob({ type, quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out[name] = { base64: btoa(binary), type, width, height, bytes: bytes.length };
    }
    return out;
  }, IMAGE_SPECS);
}

/** Puts the images into `window.benchImages` (name -> Blob) of a page. */
export async function installImages(page, images) {
  await page.evaluate((images) => {
    window.benchImages = {};
    for (const [name, { base64, type }] of Object.entries(images)) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      window.benchImages[name] = new Blob([bytes], { type });
    }
  }, images);
}
