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
