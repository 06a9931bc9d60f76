/** The peer library (@huggingface/transformers) on the same files, in the same Chromium. */
import { installImages } from './images.mjs';
import { launch, pageHeap, processMemory } from './browser.mjs';
import { measure, median } from './stats.mjs';

export function peerUrl(base, threads, extra = {}) {
  const q = new URLSearchParams(extra);
  if (threads) q.set('threads', String(threads));
  return `${base}/peer/${q.size ? `?${q}` : ''}`;
}

async function openPeer(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.peer, null, { timeout: 60_000 });
}

function imageCall(page, op, name, batch) {
  return page.evaluate(async ({ op, name, batch }) => {
    const blobs = Array.from({ length: batch }, () => window.benchImages[name]);
    const t = performance.now();
    await window.peer[op](blobs);
    return (performance.now() - t) / batch;
  }, { op, name, batch });
}

const textCall = (page, texts) =>
  page.evaluate(async (texts) => {
    const t = performance.now();
    await window.peer.encodeTexts(texts, 64);
    return performance.now() - t;
  }, texts);

/** threads: a number, or null for the library's default. `full`: also text and batch 8. */
export async function runPeer({ base, chromiumArgs, threads, images, plan, textSets, full = true, log }) {
  const browser = await launch(chromiumArgs);
  const label = threads ? `${threads}t` : 'default threads';
  const out = { threads: threads ?? 'default', image: {}, text: {} };
  try {
    const page = await browser.newPage();
    const t0 = Date.now();
    await openPeer(page, peerUrl(base, threads));
    out.load = await page.evaluate(() => window.peer.loadTowers());
    out.load.pageMs = Date.now() - t0;
    log(`  peer ${label}: towers loaded in ${out.load.ms.toFixed(0)} ms (numThreads ${out.load.threads}, isolated ${out.load.isolated})`);
    await installImages(page, images);
    for (const name of Object.keys(images)) {
      const r = {};
      r.preprocess_b1 = await measure(() => imageCall(page, 'preprocessImages', name, 1), plan.image);
      r.e2e_b1 = await measure(() => imageCall(page, 'encodeImages', name, 1), plan.image);
      if (full) {
        r.preprocess_b8 = await measure(() => imageCall(page, 'preprocessImages', name, 8), plan.image8);
        r.e2e_b8 = await measure(() => imageCall(page, 'encodeImages', name, 8), plan.image8);
      }
      out.image[name] = r;
      log(`  peer ${label} ${name}: e2e b1 ${r.e2e_b1.median.toFixed(0)} ms, preprocess b1 ${r.preprocess_b1.median.toFixed(0)} ms${full ? `, b8 ${r.e2e_b8.median.toFixed(0)} ms/img` : ''}`);
    }
    if (full) {
      await textCall(page, ['a warm-up sentence.', 'another one.']);
      for (const [key, sets] of Object.entries(textSets)) {
        const runs = [];
        for (const texts of sets) runs.push(await textCall(page, texts));
        out.text[key] = { ...(await measure(async (i) => (i < 0 ? 0 : runs[i]), { warmup: 0, runs: runs.length })), texts: sets[0].length };
        log(`  peer ${label} text ${key}: ${out.text[key].median.toFixed(0)} ms for ${sets[0].length} texts`);
      }
      out.memory = { ...processMemory(browser), ...(await pageHeap(page)) };
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** The zero-shot pipeline: navigation -> first result, empty cache then reloads; then per-image time. */
export async function peerPipeline({ base, chromiumArgs, threads, images, labels, log }) {
  const browser = await launch(chromiumArgs);
  const out = { threads: threads ?? 'default' };
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const once = async () => {
      await openPeer(page, peerUrl(base, threads, { autoload: 'pipeline' }));
      await installImages(page, { frame: images.frame });
      // navigation start → first result on the page's clock, as for the app
      return Math.round(await page.evaluate(async (labels) => {
        await window.peer.loadPipeline();
        await window.peer.classify(window.benchImages.frame, labels);
        return performance.now();
      }, labels));
    };
    out.emptyCacheMs = await once();
    // same context, reloaded: model files from the Cache API (app: label embeddings from IndexedDB)
    out.warmRuns = [await once(), await once(), await once()];
    out.warmCacheMs = median(out.warmRuns);
    log(`  peer ${threads ?? 'default'}t pipeline cold start: empty cache ${out.emptyCacheMs} ms, warm cache ${out.warmCacheMs} ms (median of ${out.warmRuns.join(', ')})`);
    await installImages(page, images);
    out.classify = {};
    for (const name of Object.keys(images)) {
      out.classify[name] = await measure(() => page.evaluate(async ({ name, labels }) => {
        const t = performance.now();
        await window.peer.classify(window.benchImages[name], labels);
        return performance.now() - t;
      }, { name, labels }), { warmup: 1, runs: 3 });
      log(`  peer ${threads ?? 'default'}t pipeline ${name} with ${labels.length} labels: ${out.classify[name].median.toFixed(0)} ms per call`);
    }
    out.memory = processMemory(browser);
    await context.close();
  } finally {
    await browser.close();
  }
  return out;
}
