#!/usr/bin/env node
// Checks the exported tiny CLIP (public/models/clip-shapes-tiny) with onnxruntime-node:
//  - tokenizer.json loads in @huggingface/tokenizers and gives the ids the Python BPE gave
//  - all six .onnx files load and run with dynamic batch (1, 3) and sequence length (5, 77)
//  - fp16 / quantized outputs agree with fp32 (cosine similarity)
//  - if make_test_model.py left its evaluation set (in $TMPDIR/clip-shapes-tiny-eval): ONNX vs
//    PyTorch embeddings and the zero-shot accuracy of every variant.
// Usage: node scripts/test-model/check_onnx.mjs [--model-dir DIR] [--eval-dir DIR] [--json-out FILE]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = { 'model-dir': path.join(here, '..', '..', 'public', 'models', 'clip-shapes-tiny'),
  'eval-dir': path.join(os.tmpdir(), 'clip-shapes-tiny-eval'), 'json-out': null };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args)) throw new Error(`unknown option ${process.argv[i]}`);
  args[key] = process.argv[i + 1];
}
const modelDir = args['model-dir'];
const failures = [];
const results = { checks: {}, accuracy: {} };
function check(name, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  results.checks[name] = { ok, detail };
  if (!ok) failures.push(name);
}

const readJson = (p) => JSON.parse(fs.readFileSync(path.join(modelDir, p), 'utf8'));
const config = readJson('config.json');
const D = config.projection_dim;
const { bos_token_id: BOS, eos_token_id: EOS, vocab_size: V } = config.text_config;
const imageSize = config.vision_config.image_size;

// ---- tokenizer
const tokenizer = new Tokenizer(readJson('tokenizer.json'), readJson('tokenizer_config.json'));
const report = fs.existsSync(path.join(modelDir, 'training_report.json')) ? readJson('training_report.json') : null;
if (report?.tokenizer_examples) {
  let mismatches = 0;
  for (const [text, ids] of Object.entries(report.tokenizer_examples)) {
    const got = tokenizer.encode(text).ids.slice(0, 77);
    if (got.length === 77) got[76] = EOS; // truncation keeps the end token last (as CLIP does)
    if (JSON.stringify(got) !== JSON.stringify(ids)) {
      mismatches++;
      console.log(`  tokenizer mismatch for ${JSON.stringify(text)}:\n    js ${got}\n    py ${ids}`);
    }
  }
  check('tokenizer matches the Python CLIP-BPE', mismatches === 0,
    `${Object.keys(report.tokenizer_examples).length} strings`);
}
console.log(`  "a photo of a red circle." -> [${tokenizer.encode('a photo of a red circle.').ids}]`);

// ---- helpers
function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(1234);
function cosine(a, b) {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return dot / Math.sqrt(na * nb);
}
const rows = (data, n) => Array.from({ length: n }, (_, i) => data.subarray(i * D, (i + 1) * D));
function minRowCosine(a, b, n) {
  let m = 1;
  for (let i = 0; i < n; i++) m = Math.min(m, cosine(a.subarray(i * D, (i + 1) * D), b.subarray(i * D, (i + 1) * D)));
  return m;
}
function maxAbsDiff(a, b) { let m = 0; for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i])); return m; }

const variants = ['', '_fp16', '_quantized'];
const sessions = {};
for (const tower of ['vision_model', 'text_model']) {
  for (const v of variants) {
    const file = path.join(modelDir, 'onnx', `${tower}${v}.onnx`);
    try {
      sessions[tower + v] = await ort.InferenceSession.create(file, { graphOptimizationLevel: 'all' });
      const s = sessions[tower + v];
      const [inName, outName] = tower === 'vision_model' ? ['pixel_values', 'image_embeds'] : ['input_ids', 'text_embeds'];
      check(`load ${tower}${v}.onnx`, s.inputNames.join() === inName && s.outputNames.join() === outName,
        `${(fs.statSync(file).size / 1024).toFixed(1)} KiB, inputs ${s.inputNames}, outputs ${s.outputNames}`);
    } catch (e) {
      check(`load ${tower}${v}.onnx`, false, String(e));
    }
  }
}

async function runVision(key, pixels, n) {
  const out = await sessions[key].run({ pixel_values: new ort.Tensor('float32', pixels, [n, 3, imageSize, imageSize]) });
  return out.image_embeds;
}
async function runText(key, ids, n, len) {
  const out = await sessions[key].run({ input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [n, len]) });
  return out.text_embeds;
}

// ---- vision: dynamic batch 1 and 3
const px = new Float32Array(3 * 3 * imageSize * imageSize);
{ // smooth random images in the normalised range
  for (let b = 0; b < 3; b++) for (let c = 0; c < 3; c++) {
    const f1 = 1 + 4 * rand(), f2 = 1 + 4 * rand(), ph = 6 * rand();
    for (let y = 0; y < imageSize; y++) for (let x = 0; x < imageSize; x++) {
      px[((b * 3 + c) * imageSize + y) * imageSize + x] = 1.5 * Math.sin(f1 * x / imageSize * 6 + ph) * Math.cos(f2 * y / imageSize * 6);
    }
  }
}
for (const v of variants) {
  const key = `vision_model${v}`;
  if (!sessions[key]) continue;
  const o3 = await runVision(key, px, 3);
  const o1 = await runVision(key, px.subarray(0, 3 * imageSize * imageSize), 1);
  check(`${key} batch 3 -> [3,${D}]`, o3.dims.join() === `3,${D}` && o3.data.every(Number.isFinite), `dims ${o3.dims}`);
  check(`${key} batch 1 == row 0 of batch 3`, o1.dims.join() === `1,${D}` && cosine(o1.data, o3.data.subarray(0, D)) > 0.9999,
    `cos ${cosine(o1.data, o3.data.subarray(0, D)).toFixed(6)}`);
}
if (sessions.vision_model) {
  const ref = (await runVision('vision_model', px, 3)).data;
  for (const [v, thr] of [['_fp16', 0.999], ['_quantized', 0.98]]) {
    if (!sessions[`vision_model${v}`]) continue;
    const c = minRowCosine(ref, (await runVision(`vision_model${v}`, px, 3)).data, 3);
    check(`vision_model${v} vs fp32 cosine > ${thr}`, c > thr, `min cos ${c.toFixed(5)}`);
  }
}

// ---- text: dynamic batch 1 and 3, sequence length 5 and 77
function textBatch(len, n) {
  const ids = [];
  for (let b = 0; b < n; b++) {
    const body = Math.min(len - 2, 3 + b * 2);
    const row = [BOS];
    for (let i = 0; i < body; i++) row.push(Math.floor(rand() * (V - 2)));
    while (row.length < len) row.push(EOS); // end token then padding with the end token
    ids.push(...row);
  }
  return ids;
}
const prompts = ['a photo of a red circle.', 'a blue star', 'green square'];
const promptIds = (len) => prompts.flatMap((t) => {
  const ids = tokenizer.encode(t).ids;
  return [...ids, ...Array(len - ids.length).fill(EOS)];
});
for (const v of variants) {
  const key = `text_model${v}`;
  if (!sessions[key]) continue;
  for (const len of [5, 77]) {
    const ids = textBatch(len, 3);
    const o3 = await runText(key, ids, 3, len);
    const o1 = await runText(key, ids.slice(0, len), 1, len);
    check(`${key} batch 3 x seq ${len} -> [3,${D}]`, o3.dims.join() === `3,${D}` && o3.data.every(Number.isFinite), `dims ${o3.dims}`);
    check(`${key} batch 1 x seq ${len} == row 0`, cosine(o1.data, o3.data.subarray(0, D)) > 0.9999,
      `cos ${cosine(o1.data, o3.data.subarray(0, D)).toFixed(6)}`);
  }
  // the causal tower ignores padding after the end token: padded to 77 == unpadded
  const p77 = await runText(key, promptIds(77), 3, 77);
  const lens = prompts.map((t) => tokenizer.encode(t).ids.length);
  let minCos = 1;
  for (let i = 0; i < 3; i++) {
    const one = await runText(key, tokenizer.encode(prompts[i]).ids, 1, lens[i]);
    minCos = Math.min(minCos, cosine(one.data, p77.data.subarray(i * D, (i + 1) * D)));
  }
  check(`${key} padding to 77 does not change the embedding`, minCos > 0.9999, `min cos ${minCos.toFixed(6)}`);
}
if (sessions.text_model) {
  for (const len of [5, 77]) {
    const ids = textBatch(len, 3);
    const ref = (await runText('text_model', ids, 3, len)).data;
    for (const [v, thr] of [['_fp16', 0.999], ['_quantized', 0.98]]) {
      if (!sessions[`text_model${v}`]) continue;
      const c = minRowCosine(ref, (await runText(`text_model${v}`, ids, 3, len)).data, 3);
      check(`text_model${v} vs fp32 cosine > ${thr} (seq ${len})`, c > thr, `min cos ${c.toFixed(5)}`);
    }
  }
}

// ---- held-out evaluation with the inputs make_test_model.py saved
const evalDir = args['eval-dir'];
if (fs.existsSync(path.join(evalDir, 'meta.json'))) {
  const meta = JSON.parse(fs.readFileSync(path.join(evalDir, 'meta.json'), 'utf8'));
  const f32 = (name) => { const b = fs.readFileSync(path.join(evalDir, `${name}.f32`)); return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4); };
  // prompts tokenized in JS must equal the Python ids
  const len = meta.prompt_ids[0].length;
  const jsIds = meta.prompts.map((t) => { const ids = tokenizer.encode(t).ids; return [...ids, ...Array(len - ids.length).fill(EOS)]; });
  check('prompt ids (JS tokenizer) == Python', JSON.stringify(jsIds) === JSON.stringify(meta.prompt_ids), `${meta.prompts.length} prompts`);
  const nL = meta.labels.length;
  const promptTorch = f32('prompt_torch_embeds');
  const textEmb = {};
  for (const v of variants) {
    if (!sessions[`text_model${v}`]) continue;
    textEmb[v] = (await runText(`text_model${v}`, jsIds.flat(), nL, len)).data;
  }
  if (textEmb['']) {
    const c = minRowCosine(textEmb[''], promptTorch, nL);
    check('text_model.onnx vs PyTorch (prompts)', c > 0.9999, `min cos ${c.toFixed(6)}, max |diff| ${maxAbsDiff(textEmb[''], promptTorch).toExponential(2)}`);
  }
  const pixelSize = 3 * imageSize * imageSize;
  for (const set of ['heldout', 'clean']) {
    const pixels = f32(`${set}_pixels`);
    const labels = meta[`${set}_labels`];
    const torchEmb = f32(`${set}_torch_embeds`);
    const n = labels.length;
    for (const v of variants) {
      if (!sessions[`vision_model${v}`] || !textEmb[v]) continue;
      const emb = new Float32Array(n * D);
      for (let i = 0; i < n; i += 64) {
        const m = Math.min(64, n - i);
        const o = await runVision(`vision_model${v}`, pixels.subarray(i * pixelSize, (i + m) * pixelSize), m);
        emb.set(o.data, i * D);
      }
      if (v === '') {
        const c = minRowCosine(emb, torchEmb, n);
        check(`vision_model.onnx vs PyTorch (${set})`, c > 0.9999, `min cos ${c.toFixed(6)}, max |diff| ${maxAbsDiff(emb, torchEmb).toExponential(2)}`);
      }
      const txt = rows(textEmb[v], nL);
      let correct = 0;
      const wrong = [];
      for (let i = 0; i < n; i++) {
        const e = emb.subarray(i * D, (i + 1) * D);
        let best = -1, bestScore = -Infinity;
        for (let j = 0; j < nL; j++) { const s = 100 * cosine(e, txt[j]); if (s > bestScore) { bestScore = s; best = j; } }
        if (best === labels[i]) correct++;
        else if (set === 'clean') wrong.push(`${meta.clean_names[i]} -> ${meta.labels[best]}`);
      }
      const name = `onnx${v || '_fp32'}_${set === 'clean' ? 'clean_drawings' : 'heldout'}`;
      results.accuracy[name] = Number((correct / n).toFixed(4));
      const torchAcc = meta.torch_accuracy[set];
      const threshold = v === '_quantized' ? torchAcc - 0.03 : torchAcc - 0.005;
      check(`accuracy ${name}`, correct / n >= threshold, `${(100 * correct / n).toFixed(2)}% (torch ${(100 * torchAcc).toFixed(2)}%)${wrong.length ? `; wrong: ${wrong.join(', ')}` : ''}`);
    }
  }
} else {
  console.log(`(no evaluation set in ${evalDir}; run make_test_model.py to create it)`);
}

if (args['json-out']) fs.writeFileSync(args['json-out'], JSON.stringify({ ...results, failures }, null, 2));
console.log(failures.length ? `\n${failures.length} check(s) FAILED` : '\nall checks passed');
process.exit(failures.length ? 1 : 0);
