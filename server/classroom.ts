/**
 * `npm run classroom`: serves the built app (dist/) to a lecture room over HTTPS.
 *
 * Students' devices reach the laptop by a LAN address, and a page from a plain-http LAN address is
 * not a secure context: no camera, no service worker (offline copy), no model cache, no WASM
 * threads, no WebCrypto. So this serves HTTPS, with a certificate it generates once and keeps in
 * `.classroom/` (or the lecturer's own, --cert/--key), prints the addresses to open and a QR code
 * of the first, and tells the page that address (classroom.json) for its Share link. A plain-http
 * visit to the same port (an address typed without https://) is redirected to https.
 *
 * Built on Vite's preview server with the app's own vite.config.ts, so every response carries
 * exactly the headers the app's config sets (COOP/COEP...), and model files get the same handling
 * as in `npm run preview`. Any Host header is accepted (Vite checks none over HTTPS anyway): a
 * lecturer's laptop is reached as `name.local` or by a venue's DNS name, and this server only
 * hands out the public, static build.
 */
import { existsSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { preview } from 'vite';
import type { ClassroomInfo } from '../src/app/share/classroomInfo';
import { lanAddresses, roomUrls, type RoomUrls } from './addresses';
import { certificateNames, ensureCertificate, readOwnCertificate } from './certificate';
import { classroomInfoPlugin } from './classroomInfoPlugin';
import { roomMessage, type CertificateSummary } from './message';
import { parseClassroomArgs, USAGE, UsageError, type ClassroomOptions } from './options';
import { redirectPlainHttp } from './plainHttpRedirect';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function certificateFor(options: ClassroomOptions, addresses: string[], urls: (port: number) => RoomUrls) {
  const need = certificateNames({ hostname: hostname(), addresses, name: options.name, bindHost: options.host });
  if (options.cert && options.key) {
    // The lecturer's own: only the addresses actually handed out need to be in it.
    const handedOut = urls(options.port).room.map((url) => new URL(url).hostname.replace(/^\[|\]$/g, ''));
    const own = await readOwnCertificate(path.resolve(options.cert), path.resolve(options.key), { dns: handedOut.filter((h) => !/^[\d.:]+$/.test(h)), ips: handedOut.filter((h) => /^[\d.:]+$/.test(h)) });
    const summary: CertificateSummary = { path: options.cert, fingerprint: own.fingerprint, generated: false, renewed: null, uncovered: own.uncovered };
    return { tls: { cert: own.cert, key: own.key }, summary };
  }
  const kept = await ensureCertificate(path.resolve(ROOT, options.certDir), need);
  const shown = path.relative(ROOT, kept.certPath);
  const summary: CertificateSummary = { path: shown.startsWith('..') ? kept.certPath : shown, fingerprint: kept.fingerprint, generated: true, renewed: kept.renewed, uncovered: [] };
  return { tls: { cert: kept.cert, key: kept.key }, summary };
}

/** The server could not listen: the port is taken, or not allowed. */
class ListenError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

async function main(): Promise<void> {
  const options = parseClassroomArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!existsSync(path.join(ROOT, 'dist', 'index.html'))) {
    throw new Error('dist/ has no build: run `npm run build` first (`npm run classroom` does).');
  }
  const addresses = lanAddresses(networkInterfaces());
  const urlsFor = (port: number) => roomUrls({ port, bindHost: options.host, name: options.name, addresses, hostname: hostname() });
  const { tls, summary } = await certificateFor(options, addresses, urlsFor);

  let info: ClassroomInfo | null = null;
  const server = await preview({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [classroomInfoPlugin(() => info)],
    preview: { host: options.host ?? true, port: options.port, strictPort: true, https: tls, allowedHosts: true, open: false },
  }).catch((error: unknown) => {
    throw new ListenError(error);
  });
  const { port } = server.httpServer.address() as AddressInfo;
  const urls = urlsFor(port);
  redirectPlainHttp(server.httpServer, new URL(urls.room[0] ?? urls.local).host);
  info = urls.room[0] ? { url: urls.room[0], urls: urls.room } : null;
  const qr = urls.room[0] ? await QRCode.toString(urls.room[0], { type: 'terminal', small: true, errorCorrectionLevel: 'L' }) : null;
  process.stdout.write(roomMessage({ urls, certificate: summary, qr }));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`npm run classroom: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`npm run classroom: ${message}\n`);
  if (error instanceof ListenError) {
    // Vite reports a busy port as a plain Error ("Port 8080 is already in use"), with no code.
    const code = (error.reason as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EACCES') process.stderr.write('Ports below 1024 need administrator rights: choose another with --port.\n');
    else process.stderr.write('Another server on that port? Stop it, or choose another: npm run classroom -- --port 8443\n');
  }
  process.exit(1);
});
