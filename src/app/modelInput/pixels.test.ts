import { describe, expect, it } from 'vitest';
import { parsePreprocessorConfig, preprocessImage } from '../../clip';
import { clipPreprocessorJson, noisePixels } from '../../clip/testing/fixtures';
import { pixelValuesToRgba } from './pixels';

describe('pixelValuesToRgba', () => {
  it("gives back the 8-bit pixels the model's normalisation started from", () => {
    // No resize and a crop of the whole image: the pixel values are the image, normalised.
    const config = parsePreprocessorConfig({ ...clipPreprocessorJson(), do_resize: false, crop_size: { width: 7, height: 5 } });
    const image = noisePixels(7, 5, 3, 3);
    const rgba = pixelValuesToRgba(preprocessImage(image, config), 7, 5, config);
    for (let i = 0; i < 35; i++) {
      expect(Array.from(rgba.subarray(i * 4, i * 4 + 4))).toEqual([...image.data.subarray(i * 3, i * 3 + 3), 255]);
    }
  });

  it('handles a model without normalisation or rescale, and clamps', () => {
    const raw = parsePreprocessorConfig({ do_resize: false, do_rescale: false, crop_size: 1 });
    expect(Array.from(pixelValuesToRgba(Float32Array.of(7, 300, -4), 1, 1, raw))).toEqual([7, 255, 0, 255]);
    expect(() => pixelValuesToRgba(new Float32Array(2), 1, 1, raw)).toThrow(/needs 3/);
  });
});
