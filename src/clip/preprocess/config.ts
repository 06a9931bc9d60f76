/**
 * Reading a Hugging Face `preprocessor_config.json` (CLIPImageProcessor and its variants) into one
 * normalised shape, so the preprocessing code never deals with the many ways the same setting is
 * spelled across model repositories (old `CLIPFeatureExtractor` files use plain numbers, newer
 * ones use `{shortest_edge}` / `{height, width}` objects, MobileCLIP-style exports switch steps off).
 *
 * Defaults follow the Python CLIPImageProcessor where that is unambiguous (resize on, rescale on
 * with 1/255, bicubic, convert to RGB, and transformers 5's default "torchvision" backend: see
 * `backend` below). Two deliberate differences, so a file never silently means something it does
 * not say:
 * - no `image_mean`/`image_std` → no normalisation (Python would invent OpenAI's values);
 *   `do_normalize: true` without them is an error;
 * - no `do_center_crop` → crop if and only if `crop_size` is given.
 */
import type { ImageProcessorBackend, ResampleFilter } from './resample';

export type ResizeSpec =
  /** Short side becomes `size`, long side floor(size × long / short): HF's shortest_edge. */
  | { kind: 'shortestEdge'; size: number }
  /** Exactly width×height, aspect ratio not kept. */
  | { kind: 'exact'; width: number; height: number };

export type Rgb = [number, number, number];

export interface PreprocessorConfig {
  /**
   * Whose arithmetic to reproduce bit for bit. transformers 5 runs an image processor on one of two
   * backends (`backend=` argument, which a preprocessor_config.json can carry): "torchvision", the
   * default wherever torchvision is installed, and "pil" (Pillow + NumPy, also what transformers 4's
   * CLIPImageProcessor did). They give pixels one 8-bit level apart at ~0.5% of values.
   */
  backend: ImageProcessorBackend;
  /** null: no resize (`do_resize: false`). */
  resize: ResizeSpec | null;
  resample: ResampleFilter;
  /** Centre crop (zero-padded when the image is smaller); null: no crop. */
  crop: { width: number; height: number } | null;
  /** Multiplier from 0..255 values (usually 1/255); null: values stay 0..255. */
  rescale: number | null;
  /** Per-channel mean and std, RGB order; both null when there is no normalisation. */
  mean: Rgb | null;
  std: Rgb | null;
  /** Kept for completeness; the output is always 3-channel RGB since vision towers take RGB. */
  convertRgb: boolean;
  /** Size of every preprocessed image, i.e. the model's input size. */
  outputWidth: number;
  outputHeight: number;
}

export class PreprocessorConfigError extends Error {
  constructor(message: string) {
    super(`Invalid preprocessor_config.json: ${message}`);
    this.name = 'PreprocessorConfigError';
  }
}

/** PIL's resampling ids (Image.Resampling). Only those the CLIP family uses are supported. */
const PIL_FILTERS: Record<number, string> = {
  0: 'nearest',
  1: 'lanczos',
  2: 'bilinear',
  3: 'bicubic',
  4: 'box',
  5: 'hamming',
};
const SUPPORTED_FILTERS: readonly ResampleFilter[] = ['nearest', 'bilinear', 'bicubic'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new PreprocessorConfigError(message);
}

function optionalBoolean(json: Json, key: string): boolean | undefined {
  const value = json[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail(`${key} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * The largest resize or crop side a model file may ask for. CLIP-family models take 224–448
 * pixels; a remote file asking for 6000 would make every image a 6000×6000 float tensor (430 MB
 * each, and gigabytes for a batch) before the model even rejects it.
 */
export const MAX_PREPROCESS_SIZE = 1024;

function positiveInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    fail(`${what} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A resize or crop side: a positive integer of at most MAX_PREPROCESS_SIZE. */
function sideLength(value: unknown, what: string): number {
  const size = positiveInteger(value, what);
  if (size > MAX_PREPROCESS_SIZE) fail(`${what} is ${size}, more than the ${MAX_PREPROCESS_SIZE} pixels this app accepts`);
  return size;
}

function parseResize(value: unknown): ResizeSpec {
  // A bare number means shortest edge for CLIP (get_size_dict(size, default_to_square=False)).
  if (typeof value === 'number') return { kind: 'shortestEdge', size: sideLength(value, 'size') };
  if (!isObject(value)) fail(`size must be a number or an object, got ${JSON.stringify(value)}`);
  if (value.height !== undefined || value.width !== undefined) {
    return { kind: 'exact', width: sideLength(value.width, 'size.width'), height: sideLength(value.height, 'size.height') };
  }
  if (value.shortest_edge !== undefined) {
    if (value.longest_edge !== undefined) fail('size with both shortest_edge and longest_edge is not supported');
    return { kind: 'shortestEdge', size: sideLength(value.shortest_edge, 'size.shortest_edge') };
  }
  return fail(`size must have shortest_edge or height and width, got ${JSON.stringify(value)}`);
}

function parseCrop(value: unknown): { width: number; height: number } {
  // A bare number is a square (get_size_dict(crop_size, default_to_square=True)).
  if (typeof value === 'number') {
    const size = sideLength(value, 'crop_size');
    return { width: size, height: size };
  }
  if (!isObject(value)) fail(`crop_size must be a number or {height, width}, got ${JSON.stringify(value)}`);
  return { width: sideLength(value.width, 'crop_size.width'), height: sideLength(value.height, 'crop_size.height') };
}

function parseBackend(value: unknown): ImageProcessorBackend {
  // "auto" is transformers' default: torchvision when installed, which is how the reference was made.
  if (value === undefined || value === null || value === 'auto' || value === 'torchvision') return 'torchvision';
  if (value === 'pil') return 'pil';
  return fail(`backend must be "torchvision", "pil" or "auto", got ${JSON.stringify(value)}`);
}

function parseResample(value: unknown): ResampleFilter {
  if (value === undefined || value === null) return 'bicubic';
  const name = typeof value === 'number' ? PIL_FILTERS[value] : typeof value === 'string' ? value.toLowerCase() : undefined;
  if (name === undefined) fail(`resample must be a PIL filter id (0 nearest, 2 bilinear, 3 bicubic), got ${JSON.stringify(value)}`);
  if (!(SUPPORTED_FILTERS as readonly string[]).includes(name)) {
    fail(`resample ${JSON.stringify(value)} (${name}) is not supported; supported: 0 nearest, 2 bilinear, 3 bicubic`);
  }
  return name as ResampleFilter;
}

/** A number applies to all channels; otherwise 1 or 3 finite numbers. */
function parseTriple(value: unknown, key: string): Rgb {
  const values: unknown = typeof value === 'number' ? [value] : value;
  if (Array.isArray(values) && values.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) {
    const [r, g, b] = values;
    if (values.length === 1 && r !== undefined) return [r, r, r];
    if (values.length === 3 && r !== undefined && g !== undefined && b !== undefined) return [r, g, b];
  }
  return fail(`${key} must be a number or a list of 3 numbers, got ${JSON.stringify(value)}`);
}

function parseNormalisation(json: Json): { mean: Rgb | null; std: Rgb | null } {
  const enabled = optionalBoolean(json, 'do_normalize');
  if (enabled === false) return { mean: null, std: null };
  const hasMean = json.image_mean !== undefined && json.image_mean !== null;
  const hasStd = json.image_std !== undefined && json.image_std !== null;
  if (!hasMean && !hasStd) {
    if (enabled === true) fail('do_normalize is true but image_mean and image_std are missing');
    return { mean: null, std: null };
  }
  if (!hasMean || !hasStd) fail('image_mean and image_std must be given together');
  const mean = parseTriple(json.image_mean, 'image_mean');
  const std = parseTriple(json.image_std, 'image_std');
  if (std.some((s) => s === 0)) fail(`image_std must not contain 0, got ${JSON.stringify(json.image_std)}`);
  return { mean, std };
}

function parseRescale(json: Json): number | null {
  if (optionalBoolean(json, 'do_rescale') === false) return null;
  const factor = json.rescale_factor ?? 1 / 255;
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor <= 0) {
    fail(`rescale_factor must be a positive number, got ${JSON.stringify(json.rescale_factor)}`);
  }
  return factor;
}

export function parsePreprocessorConfig(json: unknown): PreprocessorConfig {
  if (!isObject(json)) fail(`expected a JSON object, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`);

  const doResize = optionalBoolean(json, 'do_resize') ?? true;
  let resize: ResizeSpec | null = null;
  if (doResize) {
    if (json.size === undefined || json.size === null) fail('do_resize is on but size is missing');
    resize = parseResize(json.size);
  }

  const doCrop = optionalBoolean(json, 'do_center_crop');
  const hasCropSize = json.crop_size !== undefined && json.crop_size !== null;
  if (doCrop === true && !hasCropSize) fail('do_center_crop is true but crop_size is missing');
  const crop = doCrop !== false && hasCropSize ? parseCrop(json.crop_size) : null;

  // Batching images into one tensor needs one size for all of them.
  let output: { width: number; height: number };
  if (crop) output = crop;
  else if (resize?.kind === 'exact') output = resize;
  else fail('without a centre crop or a fixed {height, width} resize, each image would get its own size; the vision model needs one input size');

  const { mean, std } = parseNormalisation(json);
  return {
    backend: parseBackend(json.backend),
    resize,
    resample: parseResample(json.resample),
    crop,
    rescale: parseRescale(json),
    mean,
    std,
    convertRgb: optionalBoolean(json, 'do_convert_rgb') ?? true,
    outputWidth: output.width,
    outputHeight: output.height,
  };
}
