/**
 * The app, through its own worker: `?debug` exposes `window.clipClient` (the page's client of the
 * worker, src/app/worker/clipClient.ts). Timings are taken in the page around each worker call, so they include the
 * page <-> worker transfer.
 */
import { installImages } from './images.mjs';
import { launch, pageHeap, processMemory } from './browser.mjs';
import { measure, median } from './stats.mjs';

export const MODEL_ID = 'clip-vit-b32-random';

export function appUrl(base, { threads, backend = 'wasm', debug = true } = {}) {
  const q = new URLSearchParams({ model: MODEL_ID, host: '/models', backend });
  if (threads) q.set('threads', String(threads));
  return `${base}/?${q}${debug ? '&debug' : ''}`;
}

export async function openApp(page, url, timeout = 300_000) {
  const t0 = Date.now();
  await page.goto(url);
  await page.getByTestId('backend').waitFor({ state: 'visible', timeout });
  return { ms: Date.now() - t0, backend: (await page.getByTestId('backend').innerText()).trim() };
}

/** Times one worker call in the page: op is a ClipWorkerApi method taking [{name, blob}]. */
function imageCall(page, op, name, batch) {
  return page.evaluate(async ({ op, name, batch }) => {
    const blob = window.benchImages[name];
    const items = Array.from({ length: batch }, (_, i) => ({ name: `${name}-${i}.jpg`, blob }));
    const t = performance.now();
    const answer = await window.clipClient[op](items);
    const ms = performance.now() - t;
    // encodeImages answers { generation, results }; preprocessImages a list of results.
    const results = Array.isArray(answer) ? answer : answer.results;
    const bad = results.find((r) => !r.ok);
    if (bad) throw new Error(bad.error.message);
    return ms / batch;
  }, { op, name, batch });
}

/** encodeFrame with a bitmap of the image resized in the page (224×224: almost only inference). */
function frameCall(page, name, size) {
  return page.evaluate(async ({ name, size }) => {
    const opts = size ? { resizeWidth: size[0], resizeHeight: size[1] } : {};
    const bitmap = await createImageBitmap(window.benchImages[name], opts);
    const t = performance.now();
    const r = await window.clipClient.encodeFrame(bitmap);
    return { ms: performance.now() - t, workerMs: r.workerMs };
  }, { name, size });
}

async function textCall(page, texts) {
  return page.evaluate(async (texts) => {
    const t = performance.now();
    const r = await window.clipClient.encodeTexts(texts);
    return { ms: performance.now() - t, encoded: r.encodedCount, stored: r.storedCount };
  }, texts);
}

export async function runApp({ base, chromiumArgs, threads, images, plan, textSets, log }) {
  const browser = await launch(chromiumArgs);
  const out = { threads, image: {}, text: {} };
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    out.load = await openApp(page, appUrl(base, { threads }));
    log(`  app ${threads}t loaded in ${out.load.ms} ms: ${out.load.backend}`);
    await page.waitForTimeout(3000); // the UI encodes its default labels right after loading: let it finish
    await installImages(page, images);
    for (const name of Object.keys(images)) {
      const r = {};
      r.preprocess_b1 = await measure(() => imageCall(page, 'preprocessImages', name, 1), plan.image);
      r.e2e_b1 = await measure(() => imageCall(page, 'encodeImages', name, 1), plan.image);
      r.preprocess_b8 = await measure(() => imageCall(page, 'preprocessImages', name, 8), plan.image8);
      r.e2e_b8 = await measure(() => imageCall(page, 'encodeImages', name, 8), plan.image8);
      // the camera path on this image (bitmap already decoded): read-back + preprocess + inference
      const frames = [];
      r.frame_roundtrip = await measure(async () => { const f = await frameCall(page, name, null); frames.push(f.workerMs); return f.ms; }, plan.image);
      r.frame_worker = await measure(async (i) => (i < 0 ? 0 : frames[frames.length - plan.image.runs + i]), { warmup: 0, runs: plan.image.runs });
      out.image[name] = r;
      log(`  app ${threads}t ${name}: e2e b1 ${r.e2e_b1.median.toFixed(0)} ms, preprocess b1 ${r.preprocess_b1.median.toFixed(0)} ms, b8 ${r.e2e_b8.median.toFixed(0)} ms/img`);
    }
    // model only: a 224×224 bitmap needs no resize, so encodeFrame is inference + a copy
    const model = [];
    out.image.model_only = await measure(async () => { const f = await frameCall(page, 'frame', [224, 224]); model.push(f.workerMs); return f.ms; }, plan.image);
    out.image.model_only_worker = await measure(async (i) => (i < 0 ? 0 : model[model.length - plan.image.runs + i]), { warmup: 0, runs: plan.image.runs });
    log(`  app ${threads}t model only (224×224 frame): ${out.image.model_only_worker.median.toFixed(0)} ms in the worker`);

    // text: every run gets texts the worker has never seen (see textSets in run.mjs)
    await textCall(page, ['a warm-up sentence.', 'another one.']);
    for (const [key, sets] of Object.entries(textSets)) {
      const runs = [];
      const encoded = [];
      for (const texts of sets) {
        const r = await textCall(page, texts);
        // The UI may already have encoded a few (its default labels, e.g. "a photo of a pizza."), and
        // ImageNet has duplicate names: anything below 99 % of the unique texts means a broken run.
        const unique = new Set(texts).size;
        if (r.encoded < 0.99 * unique) throw new Error(`text run ${key}: ${r.encoded} encoded of ${unique} unique texts (cache not defeated)`);
        encoded.push(r.encoded);
        runs.push(r.ms);
      }
      out.text[key] = { ...(await measure(async (i) => (i < 0 ? 0 : runs[i]), { warmup: 0, runs: runs.length })), texts: sets[0].length, encoded };
      const last = sets[sets.length - 1];
      out.text[`${key}_cached`] = await measure(async () => (await textCall(page, last)).ms, { warmup: 0, runs: 3 });
      log(`  app ${threads}t text ${key}: ${out.text[key].median.toFixed(0)} ms for ${sets[0].length} texts; cached ${out.text[`${key}_cached`].median.toFixed(1)} ms`);
    }
    // from IndexedDB: a reload empties the worker's memory; its persistent cache stays
    const first = Object.values(textSets)[0];
    const texts = first[first.length - 1];
    await page.waitForTimeout(3000); // the worker writes to IndexedDB without awaiting it
    out.memory = { ...processMemory(browser), ...(await pageHeap(page)) };
    await openApp(page, appUrl(base, { threads }));
    const stored = await textCall(page, texts);
    out.text.stored = { ms: stored.ms, texts: texts.length, storedCount: stored.stored, encodedCount: stored.encoded };
    log(`  app ${threads}t ${texts.length} texts from IndexedDB after reload: ${stored.ms.toFixed(0)} ms (${stored.stored} stored, ${stored.encoded} encoded)`);
    await context.close();
  } finally {
    await browser.close();
  }
  return out;
}

/** Time from navigation to the first result card with scores, for one dropped image. */
export async function appColdStart({ base, chromiumArgs, threads, image, log }) {
  const browser = await launch(chromiumArgs);
  const out = { threads };
  try {
    const context = await browser.newContext();
    // The page's own clock notes when the first ranking appears (performance.now() counts from
    // navigation start); polling from here would add up to half a second of Playwright's backoff.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid=result] .scores li.top')) {
          window.__firstResultMs = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    const once = async () => {
      await page.goto(appUrl(base, { threads, debug: false }));
      await dropImage(page, image);
      await page.waitForFunction(() => window.__firstResultMs !== undefined, null, { timeout: 300_000 });
      return Math.round(await page.evaluate(() => window.__firstResultMs));
    };
    out.emptyCacheMs = await once();
    // same context, reloaded: model files from the Cache API (app: label embeddings from IndexedDB)
    out.warmRuns = [await once(), await once(), await once()];
    out.warmCacheMs = median(out.warmRuns);
    out.memory = processMemory(browser);
    log(`  app ${threads}t cold start: empty cache ${out.emptyCacheMs} ms, warm cache ${out.warmCacheMs} ms (median of ${out.warmRuns.join(', ')})`);
    await context.close();
  } finally {
    await browser.close();
  }
  return out;
}

async function dropImage(page, image) {
  const transfer = await page.evaluateHandle(({ base64, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'photo.jpg', { type }));
    return dt;
  }, image);
  const target = page.locator('main');
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

/** One tiny WebGPU figure (SwiftShader here: software, not representative). */
export async function appWebGpu({ base, chromiumArgs, images, timeoutMs, log }) {
  const browser = await launch(chromiumArgs, ['--enable-unsafe-webgpu']);
  try {
    const page = await browser.newPage();
    const deadline = Date.now() + timeoutMs;
    const load = await openApp(page, appUrl(base, { backend: 'webgpu' }), timeoutMs);
    log(`  app webgpu loaded in ${load.ms} ms: ${load.backend}`);
    await installImages(page, { frame: images.frame });
    const left = Math.max(1000, deadline - Date.now());
    const ms = await Promise.race([
      imageCall(page, 'encodeImages', 'frame', 1),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), left)),
    ]);
    log(`  app webgpu 640×480 batch 1: ${ms.toFixed(0)} ms`);
    return { load, e2e_b1_ms: ms, note: 'software WebGPU (SwiftShader), fp32, one run: not representative' };
  } catch (error) {
    return { error: String(error.message ?? error) };
  } finally {
    await browser.close();
  }
}
