#!/usr/bin/env node
/**
 * `npm run bench [-- options]`: builds the app and the peer page, makes the random-weight
 * ViT-B/32 if missing, serves everything on 127.0.0.1 and measures the app, the peer library and
 * native onnxruntime-node in one run. Writes .bench/results.json and BENCHMARKS.md.
 *
 *   --quick            a few minutes: 2 threads only, fewer runs and labels, no WebGPU
 *   --threads=1,2      WASM thread counts to measure
 *   --only=a,b         sections: app,peer,native,text,cold,camera,memory,webgpu,probe (default: all)
 *   --memory-visits=first,second  which visits the memory section measures (default: both)
 *   --no-build         reuse dist/ and .bench/peer-dist/
 *   --no-report        keep BENCHMARKS.md as it is (results.json is still written)
 *   --merge            keep the previous results.json's other figures (re-measure a failed part)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runnerImport } from 'vite';
import { appCamera, peerCamera, writeGradientY4m } from './camera.mjs';
import { appColdStart, appWebGpu, runApp } from './app.mjs';
import { launch } from './browser.mjs';
import { startLoadMonitor } from './load.mjs';
import { makeImages } from './images.mjs';
import { appMemory, writePhotos } from './memory.mjs';
import { machineInfo } from './machine.mjs';
import { runNative } from './native.mjs';
import { peerPipeline, runPeer } from './peer.mjs';
import { runProbe } from './probe.mjs';
import { writeReport } from './report.mjs';
import { startServer } from './server.mjs';
import { textSets } from './texts.mjs';
import { exitUnlessInstalled } from '../scripts/prerequisites.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.bench');
const MODEL_DIR = join(OUT, 'models', 'clip-vit-b32-random');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const quick = flag('quick');
const threadList = option('threads', quick ? '2' : '1,2').split(',').map(Number);
const memoryVisits = option('memory-visits', 'first,second').split(',');
const sections = new Set(option('only', 'app,peer,native,text,cold,camera,memory,webgpu,probe').split(','));
// The probe section needs no CLIP model (random embeddings): `--only=probe` skips making it.
const needsModel = [...sections].some((s) => s !== 'probe');
if (quick) sections.delete('webgpu');
const plan = quick
  ? { image: { warmup: 1, runs: 3 }, image8: { warmup: 1, runs: 1 }, labels: 200, singleRuns: 2, ensembleLabels: 20, ensembleRuns: 1, cameraSeconds: 8, memoryPhotos: 20 }
  : { image: { warmup: 3, runs: 15 }, image8: { warmup: 1, runs: 3 }, labels: 1000, singleRuns: 3, ensembleLabels: 200, ensembleRuns: 1, cameraSeconds: 15, memoryPhotos: 100 };

const started = Date.now();
const log = (...a) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s]`, ...a);
const sh = (cmd, cmdArgs) => execFileSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit' });

async function main() {
  if (needsModel) exitUnlessInstalled('bench'); // Python's torch and onnx, Chromium: say what to install, before building anything
  mkdirSync(OUT, { recursive: true });
  if (!flag('no-build')) {
    log('building the app (vite build) and the peer page');
    sh('npx', ['vite', 'build', '--logLevel', 'warn']);
    sh('npx', ['vite', 'build', '--config', 'bench/peer/vite.config.mjs']);
  }
  if (needsModel) {
    log('making the benchmark model if missing');
    sh('/usr/bin/python3', ['scripts/bench-model/make_bench_model.py']);
  }

  const { chromiumArgs } = (await runnerImport(join(ROOT, 'playwright.config.ts'), { configFile: false, logLevel: 'warn' })).module;
  const clip = (await runnerImport(join(ROOT, 'src/clip/index.ts'), { configFile: false, logLevel: 'warn' })).module;
  const { defaultLabels } = (await runnerImport(join(ROOT, 'src/app/labels/defaultLabels.ts'), { configFile: false, logLevel: 'warn' })).module;
  const tokenizer = needsModel
    ? clip.ClipTokenizer.fromJson(JSON.parse(await readFile(join(MODEL_DIR, 'tokenizer.json'), 'utf8')), JSON.parse(await readFile(join(MODEL_DIR, 'tokenizer_config.json'), 'utf8')))
    : null;
  const texts = needsModel
    ? textSets({ clip, tokenizer, labels: clip.IMAGENET_LABELS.slice(0, plan.labels), singleRuns: plan.singleRuns, ensembleRuns: plan.ensembleRuns, ensembleLabels: plan.ensembleLabels })
    : { single: [[]], ensemble: [[]] };
  const everyday = defaultLabels('clip-vit-b32-random');

  const server = await startServer([
    ['/', join(ROOT, 'dist')],
    ['/models/', join(OUT, 'models')],
    ['/peer/', join(OUT, 'peer-dist')],
    ['/peer/ort/', join(ROOT, 'node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist')],
  ]);
  const base = server.url;
  log(`serving on ${base}`);

  const probe = await launch(chromiumArgs);
  const chromiumVersion = probe.version();
  const page = await probe.newPage();
  await page.goto(needsModel ? `${base}/models/clip-vit-b32-random/config.json` : `${base}/`);
  const images = await makeImages(page);
  await probe.close();
  log(`test images: ${Object.entries(images).map(([n, i]) => `${n} ${i.width}×${i.height} ${(i.bytes / 1e6).toFixed(2)} MB`).join(', ')}`);

  const results = {
    machine: machineInfo(chromiumVersion),
    quick,
    plan,
    images: Object.fromEntries(Object.entries(images).map(([n, i]) => [n, { width: i.width, height: i.height, type: i.type, bytes: i.bytes }])),
    texts: { single: { texts: texts.single[0].length, runs: texts.single.length }, ensemble: { texts: texts.ensemble[0].length, runs: texts.ensemble.length, templates: clip.ENSEMBLE_TEMPLATES.length } },
    coldStartLabels: everyday,
    threads: threadList,
    app: {}, peer: {}, native: {}, coldStart: { app: {}, peer: {} }, camera: { app: {}, peer: {} }, memory: {}, memorySecondVisit: {}, webgpu: null, probe: null,
    errors: [],
    load: {},
  };
  if (flag('merge')) {
    // re-measure some sections and keep the rest of the previous run's figures
    const previous = JSON.parse(await readFile(join(OUT, 'results.json'), 'utf8'));
    for (const key of ['app', 'peer', 'native', 'coldStart', 'camera', 'memory', 'memorySecondVisit', 'webgpu', 'probe']) results[key] = previous[key] ?? results[key];
    results.load = previous.load ?? {};
    results.threads = [...new Set([...previous.threads, ...threadList])].sort();
    results.errors = previous.errors.filter((e) => !threadList.some((t) => e.section.endsWith(` ${t}t`)) || ![...sections].some((s) => e.section.startsWith(s)));
    results.merged = [...(previous.merged ?? []), { date: new Date().toISOString(), sections: [...sections], threads: threadList }];
    results.previousElapsedS = previous.elapsedS ?? 0; // already includes earlier merges
  }
  const save = () => writeFileSync(join(OUT, 'results.json'), JSON.stringify({ ...results, elapsedS: Math.round((Date.now() - started) / 1000) + (results.previousElapsedS ?? 0) }, null, 2));
  const attempt = async (name, fn) => {
    const monitor = startLoadMonitor();
    try {
      await fn();
    } catch (error) {
      log(`FAILED ${name}: ${error.stack ?? error}`);
      results.errors.push({ section: name, error: String(error.message ?? error).split('\n')[0] });
    }
    results.load[name] = monitor.stop();
    if (results.load[name].foreignCores >= 0.2) log(`  note: other processes used ${results.load[name].foreignCores} cores during ${name} (${results.load[name].top.join(', ')})`);
    save();
  };
  const textFor = sections.has('text') ? texts : {};
  const common = { base, chromiumArgs, images, plan, log };
  const photos = sections.has('memory') ? writePhotos(join(OUT, 'photos'), images.photo, plan.memoryPhotos) : [];

  if (sections.has('probe')) {
    log('--- linear probe training (random embeddings, no model)');
    await attempt('probe', async () => (results.probe = await runProbe({ base, chromiumArgs, runs: quick ? 2 : 3, log })));
  }
  for (const threads of threadList.filter(() => needsModel)) {
    log(`--- WASM, ${threads} thread(s)`);
    if (sections.has('native')) await attempt(`native ${threads}t`, async () => (results.native[threads] = await runNative({ clip, modelDir: MODEL_DIR, images, threads, plan, textSets: textFor, log })));
    if (sections.has('app')) await attempt(`app ${threads}t`, async () => (results.app[threads] = await runApp({ ...common, threads, textSets: textFor })));
    if (sections.has('peer')) await attempt(`peer ${threads}t`, async () => (results.peer[threads] = await runPeer({ ...common, threads, textSets: textFor })));
    if (sections.has('cold')) {
      await attempt(`app cold start ${threads}t`, async () => (results.coldStart.app[threads] = await appColdStart({ ...common, threads, image: images.frame })));
      await attempt(`peer pipeline ${threads}t`, async () => (results.coldStart.peer[threads] = await peerPipeline({ ...common, threads, labels: everyday })));
    }
    if (sections.has('camera')) {
      const y4m = join(OUT, 'camera-gradient.y4m');
      writeGradientY4m(y4m);
      await attempt(`app camera ${threads}t`, async () => (results.camera.app[threads] = await appCamera({ ...common, threads, y4m, seconds: plan.cameraSeconds })));
      await attempt(`peer camera ${threads}t`, async () => (results.camera.peer[threads] = await peerCamera({ ...common, threads, y4m, seconds: plan.cameraSeconds })));
    }
    if (sections.has('memory')) {
      if (memoryVisits.includes('first')) await attempt(`app memory ${threads}t`, async () => (results.memory[threads] = await appMemory({ ...common, threads, photos, manyCount: plan.memoryPhotos })));
      if (memoryVisits.includes('second')) await attempt(`app memory ${threads}t, second visit`, async () => (results.memorySecondVisit[threads] = await appMemory({ ...common, threads, photos, manyCount: plan.memoryPhotos, visit: 'second' })));
    }
  }
  if (sections.has('peer') && !quick) {
    log('--- peer with its default thread count');
    await attempt('peer default threads', async () => (results.peer.default = await runPeer({ ...common, threads: null, textSets: {}, full: false })));
  }
  if (sections.has('webgpu')) {
    log('--- WebGPU (SwiftShader): one image');
    await attempt('webgpu', async () => (results.webgpu = await appWebGpu({ ...common, timeoutMs: 240_000 })));
  }
  await server.close();
  save();
  results.elapsedS = Math.round((Date.now() - started) / 1000) + (results.previousElapsedS ?? 0);
  if (!flag('no-report')) {
    writeReport(join(ROOT, 'BENCHMARKS.md'), results);
    log('wrote BENCHMARKS.md');
  }
  log(`done in ${results.elapsedS} s; raw results in .bench/results.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
