/**
 * The ceiling: native onnxruntime-node on the same ONNX files, with the app's own preprocessing
 * (src/clip, run in Node) on the same test images. JPEG decoding uses sharp (libvips/mozjpeg),
 * installed with @huggingface/transformers.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import sharp from 'sharp';
import { measure } from './stats.mjs';

export async function runNative({ clip, modelDir, images, threads, plan, textSets, log }) {
  const options = { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
  const t0 = performance.now();
  const vision = await ort.InferenceSession.create(join(modelDir, 'onnx/vision_model_quantized.onnx'), options);
  const text = await ort.InferenceSession.create(join(modelDir, 'onnx/text_model_quantized.onnx'), options);
  const loadMs = performance.now() - t0;
  const config = clip.parsePreprocessorConfig(JSON.parse(await readFile(join(modelDir, 'preprocessor_config.json'), 'utf8')));
  const tokenizer = clip.ClipTokenizer.fromJson(
    JSON.parse(await readFile(join(modelDir, 'tokenizer.json'), 'utf8')),
    JSON.parse(await readFile(join(modelDir, 'tokenizer_config.json'), 'utf8')),
  );
  const px = 3 * config.outputWidth * config.outputHeight;

  const decode = async (buffer) => {
    const { data, info } = await sharp(buffer).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 4 };
  };
  const runVision = async (pixels, n) => {
    const out = await vision.run({ pixel_values: new ort.Tensor('float32', pixels, [n, 3, config.outputHeight, config.outputWidth]) });
    return out.image_embeds;
  };
  const result = { threads, loadMs, image: {}, text: {} };
  for (const [name, image] of Object.entries(images)) {
    const buffer = Buffer.from(image.base64, 'base64');
    const decoded = await decode(buffer);
    const r = {};
    r.decode = await measure(async () => { const s = performance.now(); await decode(buffer); return performance.now() - s; }, plan.image);
    r.preprocess = await measure(async () => { const s = performance.now(); clip.preprocessImage(decoded, config); return performance.now() - s; }, plan.image);
    const pixels = clip.preprocessImage(decoded, config);
    for (const batch of [1, 8]) {
      const batchPixels = new Float32Array(batch * px);
      for (let i = 0; i < batch; i++) batchPixels.set(pixels, i * px);
      const p = batch === 1 ? plan.image : plan.image8;
      r[`inference_b${batch}`] = await measure(async () => { const s = performance.now(); await runVision(batchPixels, batch); return (performance.now() - s) / batch; }, p);
      r[`e2e_b${batch}`] = await measure(async () => {
        const s = performance.now();
        const all = new Float32Array(batch * px);
        for (let i = 0; i < batch; i++) all.set(clip.preprocessImage(await decode(buffer), config), i * px);
        await runVision(all, batch);
        return (performance.now() - s) / batch;
      }, p);
    }
    result.image[name] = r;
    log(`  native ${threads}t ${name}: e2e b1 ${r.e2e_b1.median?.toFixed(0)} ms, inference b1 ${r.inference_b1.median?.toFixed(0)} ms`);
  }
  const runText = async (texts) => {
    const batch = tokenizer.encodeBatch(texts);
    await text.run({ input_ids: new ort.Tensor('int64', batch.inputIds, [batch.batchSize, batch.sequenceLength]) });
  };
  const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' '); // truncated to 77 tokens
  result.text.tokens77_b1 = await measure(async () => { const s = performance.now(); await runText([long]); return performance.now() - s; }, plan.image);
  result.text.tokenCount77 = tokenizer.encodeBatch([long]).sequenceLength;
  result.text.short_b1 = await measure(async () => { const s = performance.now(); await runText(['a photo of a dog.']); return performance.now() - s; }, plan.image);
  result.text.shortTokenCount = tokenizer.encodeBatch(['a photo of a dog.']).sequenceLength;
  for (const [key, sets] of Object.entries(textSets)) {
    const times = [];
    for (const texts of sets) {
      const s = performance.now();
      for (let i = 0; i < texts.length; i += 64) await runText(texts.slice(i, i + 64));
      times.push(performance.now() - s);
    }
    result.text[key] = { ...(await measure(async (i) => (i < 0 ? 0 : times[i]), { warmup: 0, runs: times.length })), texts: sets[0].length };
    log(`  native ${threads}t text ${key}: ${result.text[key].median.toFixed(0)} ms for ${sets[0].length} texts`);
  }
  await vision.release();
  await text.release();
  return result;
}
