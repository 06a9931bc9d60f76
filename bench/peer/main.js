/**
 * The peer: @huggingface/transformers doing the app's work in the same browser, on the same local
 * model files. `window.peer` is driven by bench/peer.mjs; everything runs on the page's main
 * thread, which is how the library's examples use it.
 * URL: /peer/?threads=N (N omitted: the library's default thread count) &autoload=pipeline
 * (start loading the zero-shot pipeline as the page loads, as the app starts loading its model:
 * the cold-start figure then counts from the same moment for both).
 */
import {
  AutoProcessor,
  AutoTokenizer,
  CLIPTextModelWithProjection,
  CLIPVisionModelWithProjection,
  env,
  pipeline,
  RawImage,
} from '@huggingface/transformers';

const params = new URLSearchParams(location.search);
const MODEL = params.get('model') ?? 'clip-vit-b32-random';
const threads = params.get('threads');
const device = params.get('device') ?? 'wasm';
const dtype = params.get('dtype') ?? 'q8';

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/models/';
const wasm = env.backends.onnx.wasm;
// The library's default is a CDN; this machine has no internet: the same files, served locally.
wasm.wasmPaths = { mjs: '/peer/ort/ort-wasm-simd-threaded.asyncify.mjs', wasm: '/peer/ort/ort-wasm-simd-threaded.asyncify.wasm' };
if (threads) wasm.numThreads = Number(threads);

const state = {};
const options = { dtype, device };

async function read(blobs) {
  return Promise.all(blobs.map((b) => RawImage.fromBlob(b)));
}

window.peer = {
  async loadTowers() {
    const t0 = performance.now();
    [state.processor, state.tokenizer] = await Promise.all([AutoProcessor.from_pretrained(MODEL), AutoTokenizer.from_pretrained(MODEL)]);
    state.vision = await CLIPVisionModelWithProjection.from_pretrained(MODEL, options);
    state.text = await CLIPTextModelWithProjection.from_pretrained(MODEL, options);
    return { ms: performance.now() - t0, threads: wasm.numThreads ?? null, isolated: crossOriginIsolated };
  },
  loadPipeline() {
    state.pipelineLoad ??= (async () => {
      const t0 = performance.now();
      state.classifier = await pipeline('zero-shot-image-classification', MODEL, options);
      return { ms: performance.now() - t0, threads: wasm.numThreads ?? null, isolated: crossOriginIsolated };
    })();
    return state.pipelineLoad;
  },
  /** decode + preprocess + vision tower, as one batch */
  async encodeImages(blobs) {
    const inputs = await state.processor(await read(blobs));
    const { image_embeds } = await state.vision(inputs);
    return image_embeds.dims;
  },
  /** decode + preprocess only */
  async preprocessImages(blobs) {
    const inputs = await state.processor(await read(blobs));
    return inputs.pixel_values.dims;
  },
  /** texts in slices of `batch`, each padded to its longest, like the app */
  async encodeTexts(texts, batch = 64) {
    let rows = 0;
    for (let start = 0; start < texts.length; start += batch) {
      const inputs = state.tokenizer(texts.slice(start, start + batch), { padding: true, truncation: true });
      const { text_embeds } = await state.text(inputs);
      rows += text_embeds.dims[0];
      text_embeds.dispose?.();
    }
    return rows;
  },
  async classify(blob, labels, template = 'a photo of a {}.') {
    const out = await state.classifier(await RawImage.fromBlob(blob), labels, { hypothesis_template: template });
    return out[0];
  },
  /** The peer's version of a webcam loop: grab a frame, preprocess, embed, repeat. */
  async cameraLoop(seconds) {
    const video = document.getElementById('video');
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    await video.play();
    const canvas = new OffscreenCanvas(video.videoWidth, video.videoHeight);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const times = [];
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    while (performance.now() < until) {
      const t0 = performance.now();
      ctx.drawImage(video, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const image = new RawImage(data, width, height, 4);
      const inputs = await state.processor(image);
      await state.vision(inputs);
      times.push(performance.now() - t0);
    }
    const elapsed = performance.now() - started;
    video.srcObject.getTracks().forEach((t) => t.stop());
    return { frames: times.length, elapsedMs: elapsed, times, size: [canvas.width, canvas.height] };
  },
};
document.getElementById('status').textContent = 'ready';

if (params.get('autoload') === 'pipeline') void window.peer.loadPipeline();
