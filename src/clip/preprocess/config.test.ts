import { describe, expect, it } from 'vitest';
import { clipPreprocessorJson } from '../testing/fixtures';
import { parsePreprocessorConfig, PreprocessorConfigError, type PreprocessorConfig } from './config';

describe('parsePreprocessorConfig', () => {
  it("reads OpenAI CLIP's config", () => {
    expect(parsePreprocessorConfig(clipPreprocessorJson())).toEqual<PreprocessorConfig>({
      backend: 'torchvision',
      resize: { kind: 'shortestEdge', size: 224 },
      resample: 'bicubic',
      crop: { width: 224, height: 224 },
      rescale: 0.00392156862745098,
      mean: [0.48145466, 0.4578275, 0.40821073],
      std: [0.26862954, 0.26130258, 0.27577711],
      convertRgb: true,
      outputWidth: 224,
      outputHeight: 224,
    });
  });

  it('reads the older CLIPFeatureExtractor spelling with plain numbers', () => {
    const config = parsePreprocessorConfig({
      crop_size: 336,
      do_center_crop: true,
      do_normalize: true,
      do_resize: true,
      feature_extractor_type: 'CLIPFeatureExtractor',
      image_mean: [0.48145466, 0.4578275, 0.40821073],
      image_std: [0.26862954, 0.26130258, 0.27577711],
      resample: 3,
      size: 336,
    });
    expect(config.resize).toEqual({ kind: 'shortestEdge', size: 336 });
    expect(config.crop).toEqual({ width: 336, height: 336 });
    expect(config.rescale).toBe(1 / 255);
    expect([config.outputWidth, config.outputHeight]).toEqual([336, 336]);
  });

  it('reads a fixed-size resize without crop (MobileCLIP-style)', () => {
    const config = parsePreprocessorConfig({
      do_center_crop: false,
      crop_size: { height: 224, width: 224 },
      do_normalize: false,
      image_mean: [0, 0, 0],
      image_std: [1, 1, 1],
      do_rescale: true,
      rescale_factor: 1 / 255,
      resample: 2,
      size: { height: 256, width: 320 },
    });
    expect(config).toMatchObject({
      resize: { kind: 'exact', width: 320, height: 256 },
      resample: 'bilinear',
      crop: null,
      mean: null,
      std: null,
      outputWidth: 320,
      outputHeight: 256,
    });
  });

  it('treats missing normalisation as none and fills the other defaults', () => {
    const config = parsePreprocessorConfig({ size: { shortest_edge: 256 }, crop_size: { height: 256, width: 256 } });
    expect(config).toEqual<PreprocessorConfig>({
      backend: 'torchvision',
      resize: { kind: 'shortestEdge', size: 256 },
      resample: 'bicubic',
      crop: { width: 256, height: 256 },
      rescale: 1 / 255,
      mean: null,
      std: null,
      convertRgb: true,
      outputWidth: 256,
      outputHeight: 256,
    });
  });

  it('switches steps off and reads other filter ids and a scalar mean/std', () => {
    const config = parsePreprocessorConfig({
      do_resize: false,
      do_rescale: false,
      crop_size: 64,
      resample: 0,
      image_mean: 0.5,
      image_std: [0.25],
      do_convert_rgb: false,
    });
    expect(config).toMatchObject({ resize: null, rescale: null, resample: 'nearest', mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25], convertRgb: false });
  });

  it("reads transformers 5's backend choice; auto and none mean torchvision, its default", () => {
    const backend = (value: unknown) => parsePreprocessorConfig({ ...clipPreprocessorJson(), backend: value }).backend;
    expect(backend('pil')).toBe('pil');
    expect(backend('torchvision')).toBe('torchvision');
    expect(backend('auto')).toBe('torchvision');
    expect(backend(undefined)).toBe('torchvision');
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /expected a JSON object, got null/],
    ['an array', [1, 2], /got an array/],
    ['a string', '{}', /got string/],
    ['missing size', { crop_size: 224 }, /size is missing/],
    ['an unknown size shape', { size: { longest_side: 224 }, crop_size: 224 }, /shortest_edge or height and width/],
    ['a negative crop', { size: 224, crop_size: -3 }, /crop_size must be a positive integer/],
    ['a fractional size', { size: { height: 22.5, width: 30 } }, /size.height must be a positive integer/],
    ['Lanczos', { size: 224, crop_size: 224, resample: 1 }, /resample 1 \(lanczos\) is not supported/],
    ['an unknown filter id', { size: 224, crop_size: 224, resample: 9 }, /PIL filter id/],
    ['a non-boolean flag', { size: 224, crop_size: 224, do_resize: 'yes' }, /do_resize must be true or false/],
    ['a mean of 2 values', { size: 224, crop_size: 224, image_mean: [0.5, 0.5], image_std: [0.5, 0.5, 0.5] }, /image_mean must be/],
    ['a zero std', { size: 224, crop_size: 224, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0, 0.5] }, /image_std must not contain 0/],
    ['mean without std', { size: 224, crop_size: 224, image_mean: [0.5, 0.5, 0.5] }, /given together/],
    ['do_normalize without values', { size: 224, crop_size: 224, do_normalize: true }, /do_normalize is true/],
    ['do_center_crop without crop_size', { size: 224, do_center_crop: true }, /crop_size is missing/],
    ['a per-image output size', { size: { shortest_edge: 224 }, do_center_crop: false }, /needs one input size/],
    ['a bad rescale factor', { size: 224, crop_size: 224, rescale_factor: '1/255' }, /rescale_factor/],
    ['an unknown backend', { size: 224, crop_size: 224, backend: 'opencv' }, /backend must be "torchvision", "pil" or "auto"/],
  ])('throws a clear error for %s', (_, json, message) => {
    expect(() => parsePreprocessorConfig(json)).toThrow(PreprocessorConfigError);
    expect(() => parsePreprocessorConfig(json)).toThrow(message);
  });
});

describe('preprocessor size limits', () => {
  const base = { do_resize: true, size: 224, do_center_crop: true, crop_size: 224, do_normalize: false };
  it('accepts sides up to 1024 pixels', () => {
    expect(parsePreprocessorConfig({ ...base, size: 1024, crop_size: 1024 }).outputWidth).toBe(1024);
  });
  it('refuses a crop_size of 6000 or a resize over 1024, naming the field', () => {
    expect(() => parsePreprocessorConfig({ ...base, crop_size: 6000 })).toThrow(/crop_size is 6000, more than the 1024 pixels/);
    expect(() => parsePreprocessorConfig({ ...base, size: { shortest_edge: 5000 } })).toThrow(/size\.shortest_edge is 5000/);
    expect(() => parsePreprocessorConfig({ ...base, do_center_crop: false, size: { height: 224, width: 4096 } })).toThrow(/size\.width is 4096/);
    expect(() => parsePreprocessorConfig({ ...base, crop_size: { height: 2000, width: 224 } })).toThrow(PreprocessorConfigError);
  });
});
