/// <reference types="node" />
/**
 * Model downloads against a real local HTTP server serving the bundled model: the errors are
 * typed (`kind`, `status`, `file`) and keep their wording for people.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFile } from './download';
import { ClipError } from './errors';
import { verify, sha256Hex } from './modelCache';
import { BUNDLED_MODEL_DIR } from './testing/nodeModel';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/index-fallback/tokenizer_config.json') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>app</title>');
    } else if (url === '/truncated/config.json') {
      // Announces more bytes than it sends, then closes the connection.
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('{"partial":');
      setTimeout(() => res.destroy(), 20);
    } else if (url.startsWith('/model/')) {
      try {
        const bytes = readFileSync(join(BUNDLED_MODEL_DIR, url.slice('/model/'.length)));
        res.writeHead(200, { 'Content-Length': bytes.length, 'Content-Type': 'application/octet-stream' }).end(bytes);
      } catch {
        res.writeHead(404, 'Not Found').end();
      }
    } else {
      res.writeHead(503, 'Service Unavailable').end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(promise: Promise<unknown>): Promise<ClipError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ClipError);
  return error as ClipError;
}

describe('downloadFile', () => {
  it('downloads a file with progress that ends done', async () => {
    const progress: { loaded: number; total: number | null; done: boolean }[] = [];
    const bytes = await downloadFile(`${base}/model/config.json`, 'config.json', { onProgress: (p) => progress.push(p) });
    expect(Buffer.from(bytes).equals(readFileSync(join(BUNDLED_MODEL_DIR, 'config.json')))).toBe(true);
    expect(progress.at(-1)).toEqual({ file: 'config.json', loaded: bytes.length, total: bytes.length, done: true });
  });

  it('reports an HTTP error with its status and the file', async () => {
    const url = `${base}/model/missing.json`;
    const error = await failure(downloadFile(url, 'missing.json'));
    expect(error.toData()).toEqual({ kind: 'http', status: 404, file: 'missing.json', message: `Could not download missing.json: HTTP 404 Not Found (${url})` });
    expect((await failure(downloadFile(`${base}/elsewhere`, 'x.onnx'))).status).toBe(503);
  });

  it("treats a dev server's index.html fallback as the 404 it stands for", async () => {
    const error = await failure(downloadFile(`${base}/index-fallback/tokenizer_config.json`, 'tokenizer_config.json'));
    expect(error).toMatchObject({ kind: 'http', status: 404, file: 'tokenizer_config.json' });
    expect(error.message).toContain('the server sent a web page instead');
  });

  it('reports an unreachable server as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/config.json`;
    const error = await failure(downloadFile(url, 'config.json'));
    expect(error).toMatchObject({ kind: 'network', file: 'config.json', message: `Could not download config.json: network error (${url} unreachable)` });
  });

  it('reports a connection dropped mid-file as a network error', async () => {
    const error = await failure(downloadFile(`${base}/truncated/config.json`, 'config.json'));
    expect(error).toMatchObject({ kind: 'network', file: 'config.json' });
    expect(error.message).toMatch(/^Download of config.json was interrupted after \d+ bytes$/);
  });

  it('fails with cancelled when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(downloadFile(`${base}/model/onnx/text_model.onnx`, 'onnx/text_model.onnx', { signal: controller.signal }));
    expect(error).toMatchObject({ kind: 'cancelled', file: 'onnx/text_model.onnx' });
  });
});

describe('verify', () => {
  const bytes = new TextEncoder().encode('some model bytes');

  it('accepts bytes with the pinned size and SHA-256', async () => {
    await expect(verify('f.onnx', bytes, { size: bytes.length, sha256: await sha256Hex(bytes) })).resolves.toBeUndefined();
  });

  it('fails a wrong size or hash as an integrity error naming the file', async () => {
    const sha256 = await sha256Hex(bytes);
    const short = await failure(verify('onnx/f.onnx', bytes.subarray(1), { size: bytes.length, sha256 }));
    expect(short).toMatchObject({ kind: 'integrity', file: 'onnx/f.onnx' });
    expect(short.message).toContain('has the wrong size');
    const changed = bytes.slice();
    changed[0]! ^= 1;
    const corrupt = await failure(verify('onnx/f.onnx', changed, { size: bytes.length, sha256 }));
    expect(corrupt).toMatchObject({ kind: 'integrity', file: 'onnx/f.onnx' });
    expect(corrupt.message).toContain('failed its integrity check');
  });
});
