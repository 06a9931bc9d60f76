/**
 * Downloads models from the Hugging Face hub into the app's served folder, so a lecture can run
 * with no dependency on the hub:  npm run models:fetch -- Xenova/clip-vit-base-patch32 [...ids]
 *
 * Options: --host <url> (the hub or a mirror with its URL layout; default the hub), --out <folder> (default public/models),
 *          --all (every precision, not only the files the app uses by default).
 * Files are written as <out>/<id>/<file>; a file is written under a temporary name and renamed
 * when complete and verified, so an interrupted run never leaves a half-written model behind.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { catalogEntry, towerPrecisions } from '../src/clip/catalog';
import { CONFIG_FILES, HUB_HOST, hubFileUrl, onnxFileName, type ModelSource, type Precision } from '../src/clip/modelSource';

interface Options {
  ids: string[];
  host: string;
  out: string;
  all: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { ids: [], host: HUB_HOST, out: 'public/models', all: false };
  const args = argv.values();
  const valueOf = (option: string): string => {
    const { value } = args.next();
    if (value === undefined) throw new Error(`${option} needs a value`);
    return value;
  };
  for (const arg of args) {
    if (arg === '--host') options.host = valueOf(arg);
    else if (arg === '--out') options.out = valueOf(arg);
    else if (arg === '--all') options.all = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.ids.push(arg);
  }
  if (options.ids.length === 0) throw new Error('usage: npm run models:fetch -- <model id> [...] [--host URL] [--out folder] [--all]');
  return options;
}

/** The files the app would fetch: configs, the WASM towers, and fp16 + fp32 for WebGPU. */
export function filesFor(id: string, all: boolean): string[] {
  const precisions: Precision[] = ['fp32', 'fp16', 'q8'];
  const towers = new Set<string>();
  const wasm = towerPrecisions(id, 'wasm', 'q8');
  for (const tower of ['vision', 'text'] as const) {
    towers.add(onnxFileName(tower, wasm[tower]));
    for (const p of all ? precisions : (['fp16', 'fp32'] as Precision[])) towers.add(onnxFileName(tower, p));
  }
  return [...Object.values(CONFIG_FILES), ...towers];
}

async function download(url: string, path: string, pin: { size: number; sha256: string } | undefined): Promise<number> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText} for ${url}`);
  const total = Number(response.headers.get('content-length') ?? 0);
  const hash = createHash('sha256');
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let lastPrint = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    hash.update(chunk);
    loaded += chunk.byteLength;
    if (process.stdout.isTTY && Date.now() - lastPrint > 250) {
      lastPrint = Date.now();
      process.stdout.write(`\r  ${path}: ${(loaded / 1e6).toFixed(1)}${total ? ` / ${(total / 1e6).toFixed(1)}` : ''} MB`);
    }
  }
  if (total && loaded !== total) throw new Error(`${url}: incomplete, ${loaded} of ${total} bytes`);
  const sha256 = hash.digest('hex');
  if (pin && (pin.size !== loaded || pin.sha256 !== sha256)) throw new Error(`${url}: failed its integrity check (size ${loaded}, SHA-256 ${sha256})`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.part`, Buffer.concat(chunks));
  renameSync(`${path}.part`, path);
  return loaded;
}

function exists(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  for (const id of options.ids) {
    const entry = catalogEntry(id);
    const source: ModelSource = { id, host: options.host, revision: entry?.revision ?? 'main' };
    console.log(`${id} (revision ${source.revision}) from ${options.host}`);
    for (const file of filesFor(id, options.all)) {
      const path = join(options.out, id, file);
      const pin = entry?.integrity?.[file];
      const have = exists(path);
      if (have !== null && (!pin || pin.size === have)) {
        console.log(`  ${file}: already here`);
        continue;
      }
      try {
        const bytes = await download(hubFileUrl(source, file), path, pin);
        console.log(`${process.stdout.isTTY ? '\r' : ''}  ${file}: ${(bytes / 1e6).toFixed(1)} MB${pin ? ', verified' : ''}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.log(`${process.stdout.isTTY ? '\r' : ''}  ${file}: not downloaded (${message})`);
        // Some repositories lack a precision (no fp16 text tower, say): only that is not a failure.
        const absent = message.startsWith('HTTP 404') && (file.endsWith('.onnx') || file === CONFIG_FILES.tokenizerConfig);
        if (!absent) process.exitCode = 1;
      }
    }
    console.log(`  → serve the app with ?model=${id}&host=/models (or let it find the copy by itself)`);
  }
}

void main();
