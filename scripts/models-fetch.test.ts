/// <reference types="node" />
/**
 * `npm run models:fetch` against a local server with the hub's URL layout, serving the bundled
 * model: files arrive complete and verified; a corrupted file fails the run and is not written.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const modelDir = 'public/models/clip-shapes-tiny';
let server: Server;
let host = '';
let corrupt = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const match = /^\/clip-shapes-tiny\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    const path = match && join(modelDir, match[1]!);
    if (!path || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    const bytes = readFileSync(path);
    if (corrupt && path.endsWith('.onnx')) bytes[bytes.length >> 1]! ^= 0xff;
    res.writeHead(200, { 'Content-Length': bytes.length }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  host = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function fetchInto(out: string) {
  return run('npx', ['tsx', 'scripts/models-fetch.ts', 'clip-shapes-tiny', '--host', host, '--out', out]).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}

describe('models:fetch', () => {
  it('downloads every file of a model into the served folder, verified', async () => {
    corrupt = false;
    const out = mkdtempSync(join(tmpdir(), 'models-'));
    try {
      const result = await fetchInto(out);
      expect(result.code, result.stdout).toBe(0);
      for (const file of ['config.json', 'tokenizer.json', 'onnx/vision_model_quantized.onnx', 'onnx/text_model_fp16.onnx']) {
        expect(readFileSync(join(out, 'clip-shapes-tiny', file)).equals(readFileSync(join(modelDir, file))), file).toBe(true);
      }
      expect(result.stdout).toContain('verified');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.each(['--host', '--out'])('says that %s needs a value when it is the last argument, and fetches nothing', async (option) => {
    const out = mkdtempSync(join(tmpdir(), 'models-'));
    try {
      const args = option === '--host' ? ['--out', out, '--host'] : ['--host', host, '--out'];
      const result = await run('npx', ['tsx', 'scripts/models-fetch.ts', 'clip-shapes-tiny', ...args]).then(
        () => null,
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(result?.code).toBe(1);
      expect(result?.stderr).toContain(`Error: ${option} needs a value`);
      expect(result?.stdout).toBe('');
      expect(existsSync(join(out, 'clip-shapes-tiny'))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('fails on a corrupted file and leaves nothing half-written', async () => {
    corrupt = true;
    const out = mkdtempSync(join(tmpdir(), 'models-'));
    try {
      const result = await fetchInto(out);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain('failed its integrity check');
      expect(existsSync(join(out, 'clip-shapes-tiny', 'onnx/vision_model_quantized.onnx'))).toBe(false);
      expect(existsSync(join(out, 'clip-shapes-tiny', 'onnx/vision_model_quantized.onnx.part'))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
