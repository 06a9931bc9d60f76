/**
 * Linear-probe training in the browser, through the app's own probe worker (`window.probeClient`
 * with `?debug`): 1 000 random embeddings × 512 dimensions × 100 classes (clustered, so the
 * cross-validation has something to choose), the full job (C by 3-fold cross-validation over the
 * grid, then the final fit), timed in the page around the call. The page's longest main-thread
 * task while it trains comes from a PerformanceObserver on 'longtask' (tasks over 50 ms; none
 * seen means the longest was under 50 ms). No CLIP model is needed.
 */
import { launch } from './browser.mjs';
import { summary } from './stats.mjs';

export async function runProbe({ base, chromiumArgs, runs, log, rows = 1000, dim = 512, classes = 100 }) {
  const browser = await launch(chromiumArgs);
  try {
    const page = await browser.newPage();
    // The bundled demo model (served with the app) keeps the page quiet once loaded.
    await page.goto(`${base}/?model=clip-shapes-tiny&backend=wasm&debug`);
    await page.waitForFunction(() => 'probeClient' in window, null, { timeout: 60_000 });
    await page.waitForTimeout(3000);
    const results = [];
    for (let run = 0; run < runs; run++) {
      const r = await page.evaluate(
        async ({ rows, dim, classes, seed }) => {
          let state = seed >>> 0;
          const random = () => {
            state = (state + 0x6d2b79f5) >>> 0;
            let t = state;
            t = Math.imul(t ^ (t >>> 15), t | 1);
            t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
          };
          const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
          const centres = Float32Array.from({ length: classes * dim }, gauss);
          const embeddings = new Float32Array(rows * dim);
          const y = new Int32Array(rows);
          for (let i = 0; i < rows; i++) {
            y[i] = i % classes;
            for (let j = 0; j < dim; j++) embeddings[i * dim + j] = 0.05 * centres[y[i] * dim + j] + 0.04 * gauss();
          }
          const input = { embeddings, dim, y, classes: Array.from({ length: classes }, (_, k) => `class ${k}`), zeroShot: null, seed: 1 };
          let longest = 0;
          let longTasks = 0;
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              longTasks++;
              longest = Math.max(longest, entry.duration);
            }
          });
          observer.observe({ type: 'longtask' });
          let fits = 0;
          const t0 = performance.now();
          const probe = await window.probeClient.train(input, 'zero', { onProgress: (done, total) => (fits = total) });
          const ms = performance.now() - t0;
          await new Promise((resolve) => setTimeout(resolve, 100)); // let the observer report
          observer.disconnect();
          return { ms, longestTaskMs: longest, longTasks, fits, c: probe.c, folds: probe.folds };
        },
        { rows, dim, classes, seed: 1 + run },
      );
      log(`  probe ${rows}×${dim}×${classes}: ${r.ms.toFixed(0)} ms (${r.fits} fits, C = ${r.c}); longest main-thread task ${r.longTasks ? `${r.longestTaskMs.toFixed(0)} ms` : '< 50 ms (none reported)'}`);
      results.push(r);
    }
    return {
      rows,
      dim,
      classes,
      train: summary(results.map((r) => r.ms)),
      longestTaskMs: Math.max(0, ...results.map((r) => r.longestTaskMs)),
      longTasks: results.reduce((n, r) => n + r.longTasks, 0),
      fits: results[0]?.fits ?? null,
      folds: results[0]?.folds ?? null,
      chosenC: results.map((r) => r.c),
    };
  } finally {
    await browser.close();
  }
}
