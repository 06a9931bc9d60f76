/// <reference types="node" />
/**
 * A static file server on 127.0.0.1 that misbehaves on request, like lecture Wi-Fi and a busy hub:
 * it drops connections mid-file, answers 429 with Retry-After, sends truncated bodies without a
 * length, ignores Range. Otherwise it serves files properly: strong ETag, Last-Modified,
 * `Accept-Ranges: bytes`, single ranges with If-Range, 416, real 404s. For the worker's unit tests
 * and, serving the built app, the end-to-end tests. Listens on a free port; every request is logged.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentType } from './contentType';

export type Fault =
  /**
   * Send the headers (with the full length) and this many bytes of the body, then cut the
   * connection `afterMs` later (default 200: a client discards what its reader had not taken yet);
   * with `gzip`, of the body compressed on the fly (Content-Encoding: gzip).
   */
  | { drop: number; gzip?: boolean; afterMs?: number }
  /** Answer with this status (and headers, e.g. Retry-After) instead of the file. */
  | { status: number; headers?: Record<string, string> }
  /** Send only this many bytes, without Content-Length (chunked), and end the response cleanly. */
  | { truncate: number }
  /** Answer a Range request with the whole file (200), as servers without range support do. */
  | { ignoreRange: true }
  /** Send the file with the byte at this offset flipped (a corrupted copy of the right size). */
  | { corrupt: number };

export interface LoggedRequest {
  path: string;
  range: string | null;
  ifRange: string | null;
  ifNoneMatch: string | null;
  /** The status answered (0: the connection was cut). */
  status: number;
}

export interface FaultyServer {
  url: string;
  requests: LoggedRequest[];
  /** Misbehave on the next `times` requests for this path (default once; Infinity: until cleared). */
  fault(pathname: string, fault: Fault, times?: number): void;
  /** Behave from now on ("fix the server"). */
  clearFaults(): void;
  close(): Promise<void>;
}

export interface FaultyServerOptions {
  /** The folder served at `/`. */
  root: string;
  /** Serve one folder under other names too: `{ '/models/copy/': '/models/clip-shapes-tiny/' }`. */
  aliases?: Record<string, string>;
  /** Headers sent with every response (e.g. COOP/COEP for cross-origin isolation). */
  headers?: Record<string, string>;
}

export async function startFaultyServer(options: FaultyServerOptions): Promise<FaultyServer> {
  const root = path.resolve(options.root);
  const faults = new Map<string, { fault: Fault; remaining: number }[]>();
  const requests: LoggedRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse, log: LoggedRequest) => {
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, log, 405);
    let pathname = log.path;
    for (const [alias, target] of Object.entries(options.aliases ?? {})) {
      if (pathname.startsWith(alias)) pathname = target + pathname.slice(alias.length);
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.join(root, pathname);
    const info = file.startsWith(root + path.sep) ? await stat(file).catch(() => null) : null;
    if (!info?.isFile()) return send(res, log, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found');

    const fault = takeFault(faults, log.path);
    if (fault && 'status' in fault) return send(res, log, fault.status, fault.headers ?? {}, `fault ${fault.status}`);
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const lastModified = info.mtime.toUTCString();
    const headers: Record<string, string> = {
      'Content-Type': contentType(file),
      'Cache-Control': 'no-cache',
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Last-Modified': lastModified,
    };
    if (log.ifNoneMatch === etag && !fault) return send(res, log, 304, headers);

    let start = 0;
    let end = info.size - 1;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(log.range ?? '');
    const rangeApplies = range && !(fault && 'ignoreRange' in fault) && (log.ifRange === null || log.ifRange === etag || log.ifRange === lastModified);
    if (range && rangeApplies) {
      start = Number(range[1]);
      end = range[2] ? Math.min(end, Number(range[2])) : end;
      if (start >= info.size) return send(res, log, 416, { 'Content-Range': `bytes */${info.size}` });
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
    }
    const length = end - start + 1;
    if (fault && 'truncate' in fault) {
      const bytes = (await readFile(file)).subarray(start, start + Math.min(length, fault.truncate));
      log.status = status;
      res.writeHead(status, headers); // no Content-Length: chunked, and nothing says it ended early
      res.end(bytes);
      return;
    }
    if (fault && 'drop' in fault && fault.gzip) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = String(fault && 'drop' in fault && fault.gzip ? gzipSync((await readFile(file)).subarray(start, end + 1)).length : length);
    log.status = status;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') return void res.end();
    if (fault && 'corrupt' in fault) {
      const bytes = Buffer.from((await readFile(file)).subarray(start, end + 1));
      if (fault.corrupt < bytes.length) bytes[fault.corrupt]! ^= 0xff;
      res.end(bytes);
      return;
    }
    if (fault && 'drop' in fault) {
      const body = (await readFile(file)).subarray(start, end + 1);
      const sent = fault.gzip ? gzipSync(body) : body;
      log.status = 0;
      res.write(sent.subarray(0, Math.min(sent.length, fault.drop)), () => setTimeout(() => res.destroy(), fault.afterMs ?? 200));
      return;
    }
    createReadStream(file, { start, end }).pipe(res);
  };

  const server = createServer((req, res) => {
    const raw = req.url ?? '/';
    const log: LoggedRequest = {
      path: safePath(raw),
      range: header(req, 'range'),
      ifRange: header(req, 'if-range'),
      ifNoneMatch: header(req, 'if-none-match'),
      status: 0,
    };
    requests.push(log);
    handle(req, res, log).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fault(pathname, fault, times = 1) {
      faults.set(pathname, [...(faults.get(pathname) ?? []), { fault, remaining: times }]);
    },
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function takeFault(faults: Map<string, { fault: Fault; remaining: number }[]>, pathname: string): Fault | undefined {
  const queue = faults.get(pathname);
  const next = queue?.[0];
  if (!queue || !next) return undefined;
  if (--next.remaining <= 0) queue.shift();
  return next.fault;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function safePath(raw: string): string {
  try {
    return decodeURIComponent(new URL(raw, 'http://x').pathname);
  } catch {
    return '/';
  }
}

function send(res: ServerResponse, log: LoggedRequest, status: number, headers: Record<string, string> = {}, body = ''): void {
  log.status = status;
  res.writeHead(status, headers).end(body);
}
