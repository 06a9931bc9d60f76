/**
 * Memory of the app as a student uses it: open it (the model loads on WASM), pick one 12 MP photo
 * and wait for its label, then pick 100 more and wait for all of theirs. Reads, per phase, the
 * renderer's peak resident set (VmHWM: page + worker + onnxruntime's WASM threads live in that one
 * process), its resident set now, the worker's V8 heap and its ArrayBuffer backing stores (the WASM
 * heap is one of them) through the DevTools protocol, and samples the renderer's RSS every 100 ms
 * to say in which phase the peak was reached.
 *
 * The photos are real files on disk picked with the file input (as a person picking them does):
 * file-backed Blobs, so their bytes stay on disk until the worker reads them.
 */
import { linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, openApp } from './app.mjs';
import { launch, pageHeap, processMemory } from './browser.mjs';

const MB = 2 ** 20;

/** 1 + count names for the same 12 MP JPEG (hard links: no disk space, distinct files for the app). */
export function writePhotos(dir, photo, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const first = join(dir, 'photo-000.jpg');
  writeFileSync(first, Buffer.from(photo.base64, 'base64'));
  for (let i = 1; i <= count; i++) linkSync(first, join(dir, `photo-${String(i).padStart(3, '0')}.jpg`));
  return readdirSync(dir).sort().map((name) => join(dir, name));
}

/**
 * The page's renderer: the renderer process with the highest peak (the page, its worker and WASM
 * threads), leaving out `gone` (the first visit's renderer, when a second visit is measured).
 */
function renderer(browser, gone = new Set()) {
  const all = processMemory(browser);
  const renderers = (all?.processes ?? []).filter((p) => p.type === 'renderer' && !gone.has(p.pid));
  return renderers.sort((a, b) => b.hwmMB - a.hwmMB)[0] ?? null;
}

/**
 * Prepended to the worker's script when the benchmark fetches it (page.route): keeps a weak
 * reference to every WebAssembly.Memory the worker makes, so its size can be read at any time
 * (onnxruntime's WASM heap, shared with its threads, is one of them). The app itself is not changed.
 */
const WASM_MEMORY_PROBE = `(() => {
  const Memory = WebAssembly.Memory;
  const made = [];
  self.__benchWasmMemories = made;
  WebAssembly.Memory = new Proxy(Memory, { construct(target, args) { const m = Reflect.construct(target, args); made.push(new WeakRef(m)); return m; } });
})();
`;

export async function probeWasmMemory(context) {
  await context.route(/\/assets\/clip\.worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: WASM_MEMORY_PROBE + (await response.text()) });
  });
}

/**
 * The worker's memory: V8's JS heap (DevTools' Runtime.getHeapUsage in the worker target `clip`,
 * no garbage collection forced) and the size of its WASM heaps (see WASM_MEMORY_PROBE).
 */
async function workerHeapReader(browser, page) {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && t.title === 'clip');
  const worker = page.workers().find((w) => w.url().includes('clip.worker'));
  if (!target || !worker) return { read: async () => null, close: () => cdp.detach() };
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const waiting = new Map();
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    waiting.get(message.id)?.(message.result ?? null);
    waiting.delete(message.id);
  });
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => (waiting.delete(id), resolve(null)));
      setTimeout(() => waiting.has(id) && (waiting.delete(id), resolve(null)), 60_000);
    });
  return {
    async read() {
      const heap = await send('Runtime.getHeapUsage');
      const wasm = await worker
        .evaluate(() => (self.__benchWasmMemories ?? []).map((ref) => ref.deref()?.buffer.byteLength ?? 0).filter((b) => b > 0))
        .catch(() => null);
      return {
        jsUsedMB: heap ? heap.usedSize / MB : null,
        arrayBuffersMB: heap?.backingStorageSize != null ? heap.backingStorageSize / MB : null,
        wasmHeapsMB: wasm?.map((b) => b / MB) ?? null,
      };
    },
    close: () => cdp.detach().catch(() => undefined),
  };
}

/**
 * Samples the renderer's RSS every 100 ms; `mark(phase)` starts a new phase. `peak()` is the
 * renderer's peak so far: the highest VmHWM or RSS seen. VmHWM alone is not enough: Chromium's
 * memory instrumentation resets it now and then (seen: the same renderer's VmHWM fell from 752 to
 * 696 MB between two readings), which would hide the peak of a later phase.
 */
function rssSampler(browser, gone) {
  const phases = [];
  let current = null;
  let peak = 0;
  const sample = () => {
    const r = renderer(browser, gone);
    if (!r) return;
    peak = Math.max(peak, r.hwmMB, r.rssMB);
    if (current) current.maxRssMB = Math.max(current.maxRssMB, r.rssMB);
  };
  const timer = setInterval(sample, 100);
  return {
    peak() {
      sample();
      return peak;
    },
    /** Forgets what was seen so far (the first visit's page, before the measured one). */
    reset() {
      peak = 0;
    },
    mark(name) {
      sample();
      current = { name, maxRssMB: 0, startedAt: Date.now() };
      phases.push(current);
    },
    stop() {
      sample();
      clearInterval(timer);
      return phases.map(({ name, maxRssMB, startedAt }) => ({ name, maxRssMB, startedAt }));
    },
  };
}

/** Results with a top label, among the cards shown. */
function labelled(page) {
  return page.evaluate(() => document.querySelectorAll('[data-testid=result] .scores li.top').length);
}

async function waitLabelled(page, count, timeout) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=result] .scores li.top').length >= n, count, { timeout, polling: 250 });
}

/**
 * `visit: 'second'` measures a student's next visit: a first page loads the model (downloaded,
 * verified and stored in the Cache API), is closed with its renderer, and a new page in the same
 * profile loads the model from the cache (no download, no cache write) before the photos.
 */
export async function appMemory({ base, chromiumArgs, threads, photos, log, manyCount = 100, visit = 'first' }) {
  const browser = await launch(chromiumArgs);
  const out = { threads, visit, photos: manyCount, phases: {} };
  const gone = new Set();
  const sampler = rssSampler(browser, gone);
  let heap = null;
  try {
    const context = await browser.newContext();
    await probeWasmMemory(context);
    if (visit === 'second') {
      const first = await context.newPage();
      await openApp(first, appUrl(base, { threads, debug: false }));
      await first.waitForTimeout(6000); // the model's files are written to the cache
      for (const p of processMemory(browser)?.processes ?? []) if (p.type === 'renderer') gone.add(p.pid);
      await first.close();
      // Wait for the first page's renderer to exit (its worker target goes with it).
      for (let i = 0; i < 100 && (processMemory(browser)?.processes ?? []).some((p) => gone.has(p.pid)); i++) await new Promise((r) => setTimeout(r, 100));
    }
    const page = await context.newPage();
    const snapshot = async (name) => {
      const r = renderer(browser, gone);
      out.phases[name] = {
        rendererPid: r?.pid ?? null,
        rendererPeakMB: r ? sampler.peak() : null,
        rendererHwmMB: r?.hwmMB ?? null,
        rendererRssMB: r?.rssMB ?? null,
        worker: heap ? await heap.read() : null,
        page: await pageHeap(page),
        afterS: (Date.now() - started) / 1000,
      };
      const w = out.phases[name].worker;
      log(`  memory ${threads}t ${visit} visit, ${name}: renderer (pid ${r?.pid}) peak ${out.phases[name].rendererPeakMB?.toFixed(0)} MB (VmHWM now ${r?.hwmMB.toFixed(0)}), now ${r?.rssMB.toFixed(0)} MB; worker JS ${w?.jsUsedMB?.toFixed(1)} MB, ArrayBuffers ${w?.arrayBuffersMB?.toFixed(0)} MB, WASM heap ${w?.wasmHeapsMB?.map((x) => x.toFixed(0)).join('+')} MB`);
    };
    const started = Date.now();
    sampler.reset();
    sampler.mark('load');
    out.load = await openApp(page, appUrl(base, { threads, debug: false }));
    heap = await workerHeapReader(browser, page);
    await snapshot('loaded');
    // The labels are encoded and the text session made once the worker is idle: let that happen.
    sampler.mark('labels');
    await page.waitForTimeout(4000);
    await snapshot('labels');

    sampler.mark('one photo');
    const input = page.getByTestId('file-input');
    let t = Date.now();
    await input.setInputFiles(photos.slice(0, 1));
    await waitLabelled(page, 1, 120_000);
    out.onePhotoMs = Date.now() - t;
    await page.waitForTimeout(1000);
    await snapshot('one photo');

    sampler.mark(`${manyCount} photos`);
    t = Date.now();
    await input.setInputFiles(photos.slice(1, 1 + manyCount));
    await waitLabelled(page, 1 + manyCount, 900_000);
    out.manyPhotosMs = Date.now() - t;
    await page.waitForTimeout(1000);
    await snapshot(`${manyCount} photos`);
    out.labelled = await labelled(page);
    out.msPerPhoto = out.manyPhotosMs / manyCount;
    const one = out.phases['one photo'].rendererPeakMB;
    const many = out.phases[`${manyCount} photos`].rendererPeakMB;
    out.oneMB = one;
    out.manyDeltaMB = many - one;
    log(`  memory ${threads}t (${visit} visit): one photo ${one.toFixed(0)} MB peak; ${manyCount} photos +${(many - one).toFixed(0)} MB (${(out.msPerPhoto / 1000).toFixed(2)} s per photo)`);
    await context.close();
  } finally {
    out.rssByPhase = sampler.stop();
    await heap?.close();
    await browser.close();
  }
  return out;
}
