/**
 * Images to embeddings: decode each file, preprocess it as CLIP's reference pipeline does, and run
 * the vision tower in batches. A file that fails gets its own typed error and the others go on.
 * Camera frames take the same path from an ImageBitmap, read back through one reused canvas.
 */
import { preprocessImage, type ImageFit, type PreprocessorConfig } from '../../src/clip';
import type { ImageResult, NamedBlob, PreprocessResult } from '../api';
import { decodeImage, readBitmap, type DecodedImage } from '../decodeImage';
import { cancelledError, ClipError, toErrorData, type ClipErrorData } from '../errors';
import { mapWithLimit } from '../mapWithLimit';
import { yieldToEventLoop } from '../yieldToEventLoop';
import { concatRows } from './tensors';

/** Images per vision run: enough to amortise the call, small enough to bound memory. */
export const IMAGE_BATCH = 8;

/**
 * Files decoded at once. A decoded image lives as RGBA (4 bytes per pixel, twice while it is read
 * back from the canvas) until it is preprocessed: a 100-megapixel photo needs about 800 MB. One at
 * a time: measured with 100 photos of 12 MP (npm run bench -- --only=memory), two at a time let the
 * renderer grow by +144 to +309 MB, one at a time by +90 to +179 MB, and the time per photo and
 * per 640×480 frame in batches of 8 did not change measurably (two decodes overlap only inside the
 * browser's decoder; the preprocessing runs on this one thread either way).
 */
export const DECODE_CONCURRENCY = 1;

/** Runs the vision tower on `count` preprocessed images laid end to end: L2-normalised rows. */
export type EmbedPixels = (pixels: Float32Array, count: number) => Promise<Float32Array>;

type Prepared = { ok: true; pixels: Float32Array; width: number; height: number } | { ok: false; error: ClipErrorData };

export class ImageEmbedder {
  constructor(
    private readonly preprocessor: PreprocessorConfig,
    /** CLIP's centre crop or the whole image padded (src/clip/preprocess/fit.ts). */
    readonly fit: ImageFit = 'crop',
    /** Pixels of a camera frame; a canvas read-back in the worker. */
    private readonly readFrame: (frame: ImageBitmap) => DecodedImage = readBitmap,
  ) {}

  /** One result per image, in order. An aborted `signal` stops between batches. */
  async encode(images: NamedBlob[], embed: EmbedPixels, signal?: AbortSignal): Promise<ImageResult[]> {
    const results = new Array<ImageResult>(images.length);
    await this.inBatches(images, signal, async (prepared, start) => {
      const good = prepared.flatMap((p, i) => (p.ok ? [{ ...p, index: start + i }] : []));
      prepared.forEach((p, i) => {
        if (!p.ok) results[start + i] = p;
      });
      if (good.length === 0) return;
      if (signal?.aborted) throw cancelledError();
      const embeddings = await embed(concatRows(good.map((g) => g.pixels)), good.length);
      const dim = embeddings.length / good.length;
      good.forEach((g, row) => {
        results[g.index] = { ok: true, embedding: embeddings.slice(row * dim, (row + 1) * dim), width: g.width, height: g.height };
      });
    });
    return results;
  }

  /** What the vision tower sees: `pixel_values` [3,H,W] per image, the same path as `encode`. */
  async preprocess(images: NamedBlob[], signal?: AbortSignal): Promise<PreprocessResult[]> {
    const { outputWidth: width, outputHeight: height } = this.preprocessor;
    const results: PreprocessResult[] = [];
    await this.inBatches(images, signal, (prepared) => {
      for (const p of prepared) results.push(p.ok ? { ok: true, pixels: p.pixels, dims: [3, height, width] } : p);
    });
    return results;
  }

  /** A camera frame's `pixel_values` [3,H,W]; the frame is closed here, read or not. */
  framePixels(frame: ImageBitmap): Float32Array {
    return this.pixelsOf(this.frameImage(frame));
  }

  /** A camera frame's pixels, read back; the frame is closed here, read or not. */
  frameImage(frame: ImageBitmap): DecodedImage {
    try {
      return this.readFrame(frame);
    } finally {
      frame.close();
    }
  }

  /** Decoded pixels → `pixel_values` [3,H,W]. */
  pixelsOf(image: DecodedImage): Float32Array {
    return preprocessImage(image, this.preprocessor, this.fit);
  }

  /** Decodes and preprocesses IMAGE_BATCH files at a time, checking for an abort between batches. */
  private async inBatches(images: NamedBlob[], signal: AbortSignal | undefined, each: (prepared: Prepared[], start: number) => Promise<void> | void): Promise<void> {
    for (let start = 0; start < images.length; start += IMAGE_BATCH) {
      if (start > 0) await yieldToEventLoop(); // an abort message gets its turn
      if (signal?.aborted) throw cancelledError();
      const slice = images.slice(start, start + IMAGE_BATCH);
      await each(await mapWithLimit(slice, DECODE_CONCURRENCY, ({ name, blob }) => this.prepare(name, blob)), start);
    }
  }

  private async prepare(name: string, blob: Blob): Promise<Prepared> {
    try {
      // The decoded RGBA (48 MB for 12 MP) is left to the collector, not detached at once with
      // releaseBuffer: measured with 100 photos, detaching each made the renderer grow by +127 to
      // +391 MB, leaving them by +68 to +165 MB (1 and 2 threads, first and second visit; see
      // BENCHMARKS.md, memory).
      const image = await decodeImage(blob, name);
      return { ok: true, pixels: this.pixelsOf(image), width: image.width, height: image.height };
    } catch (error) {
      if (error instanceof ClipError) return { ok: false, error: error.toData() };
      const message = `${name} could not be processed: ${error instanceof Error ? error.message : String(error)}`;
      return { ok: false, error: { ...toErrorData(error), message, file: name } };
    }
  }
}
