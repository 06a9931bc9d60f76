/**
 * Test fixtures shared by the unit tests and the browser parity test (not used by the app). Plain data.
 */

/**
 * The preprocessor_config.json of OpenAI's CLIP ViT-B/32 as Hugging Face publishes it: the
 * defaults the reference pixels in ../shared/clip-reference/pixels were made with.
 */
export function clipPreprocessorJson(): Record<string, unknown> {
  return {
    crop_size: { height: 224, width: 224 },
    do_center_crop: true,
    do_convert_rgb: true,
    do_normalize: true,
    do_rescale: true,
    do_resize: true,
    image_mean: [0.48145466, 0.4578275, 0.40821073],
    image_processor_type: 'CLIPImageProcessor',
    image_std: [0.26862954, 0.26130258, 0.27577711],
    resample: 3,
    rescale_factor: 0.00392156862745098,
    size: { shortest_edge: 224 },
  };
}

/** Deterministic pseudo-random 8-bit pixels (a tiny LCG), so failures are reproducible. */
export function noisePixels(width: number, height: number, channels: 1 | 3 | 4, seed = 1) {
  const data = new Uint8Array(width * height * channels);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    data[i] = s >>> 24;
  }
  return { data, width, height, channels };
}
