/**
 * The classroom server's TLS certificate: generated once (self-signed) and kept, so each student's
 * browser shows its warning once and not at every lecture; or the lecturer's own.
 *
 * A new one is made only when the kept one no longer fits: it expires within a week, or it does
 * not name an address the server now answers on (the laptop joined another network). Browsers
 * remember a student's "proceed" per certificate, so every new certificate asks them again.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { generate } from 'selfsigned';
import { localName } from './addresses';

export interface CertificateNames {
  dns: string[];
  ips: string[];
}

export interface Certificate {
  cert: string;
  key: string;
  /** SHA-256 fingerprint, as browsers show it in the certificate viewer. */
  fingerprint: string;
}

export const CERT_FILE = 'cert.pem';
export const KEY_FILE = 'key.pem';
const VALID_DAYS = 365;
/** A certificate this close to its end is replaced before a lecture, not during one. */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

/** Compressed, lower-case IPv6 (`::1`), so names from a certificate and from Node compare equal. */
export function canonicalIp(ip: string): string {
  return isIP(ip) === 6 ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
}

function isWildcardAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * Every name a student's browser may use for this computer: localhost, its host name and `.local`
 * name (and any `.local` name), `--name`, the address it listens on, and its LAN addresses.
 */
export function certificateNames({ hostname, addresses, name, bindHost }: { hostname: string; addresses: readonly string[]; name: string | null; bindHost: string | null }): CertificateNames {
  const dns = ['localhost'];
  const ips = ['127.0.0.1', '::1', ...addresses];
  const host = hostname.trim().toLowerCase();
  if (host && !isIP(host)) dns.push(host);
  const mdns = localName(hostname);
  if (mdns) dns.push(mdns);
  dns.push('*.local');
  for (const extra of [name, bindHost]) {
    if (!extra || isWildcardAddress(extra)) continue;
    if (isIP(extra)) ips.push(extra);
    else dns.push(extra.toLowerCase());
  }
  return { dns: [...new Set(dns)], ips: [...new Set(ips.map(canonicalIp))] };
}

/** The names in Node's `X509Certificate.subjectAltName` ("DNS:localhost, IP Address:127.0.0.1"). */
export function parseSubjectAltName(san: string | undefined): CertificateNames {
  const names: CertificateNames = { dns: [], ips: [] };
  for (const part of (san ?? '').split(/,\s*/)) {
    const [kind, ...rest] = part.split(':');
    const value = rest.join(':').trim();
    if (!value) continue;
    if (kind?.trim() === 'DNS') names.dns.push(value.toLowerCase());
    else if (kind?.trim() === 'IP Address') names.ips.push(canonicalIp(value));
  }
  return names;
}

/** Whether a certificate DNS name matches a host name (`*.local` matches one label: `a.local`). */
function dnsMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
}

/** The names in `need` that the certificate's names do not cover. */
export function missingNames(have: CertificateNames, need: CertificateNames): string[] {
  const missing = need.dns.filter((host) => !have.dns.some((pattern) => dnsMatches(pattern, host)));
  return [...missing, ...need.ips.filter((ip) => !have.ips.includes(ip))];
}

/** Why a kept certificate must be replaced, or null when it can be used again. */
export function replacementReason(certPem: string, need: CertificateNames, now: Date): string | null {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return 'the kept certificate could not be read';
  }
  const end = new Date(cert.validTo);
  if (!(end.getTime() - now.getTime() > RENEW_BEFORE_MS)) return `the kept certificate ends on ${end.toISOString().slice(0, 10)}`;
  const missing = missingNames(parseSubjectAltName(cert.subjectAltName), need);
  if (missing.length > 0) return `the kept certificate does not name ${missing.join(', ')}`;
  return null;
}

export async function generateCertificate(names: CertificateNames, now: Date): Promise<{ cert: string; key: string }> {
  const notAfter = new Date(now.getTime() + VALID_DAYS * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'CLIP in your browser (classroom)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000), // a student's clock a little behind still accepts it
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.dns.map((value) => ({ type: 2 as const, value })), ...names.ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

export interface KeptCertificate extends Certificate {
  /** Why a new one was made; null when the kept one was used again. */
  renewed: string | null;
  certPath: string;
}

/** The certificate kept in `dir`, or a new one (written there) when it is missing or no longer fits. */
export async function ensureCertificate(dir: string, need: CertificateNames, now = new Date()): Promise<KeptCertificate> {
  const certPath = path.join(dir, CERT_FILE);
  const keyPath = path.join(dir, KEY_FILE);
  const [cert, key] = await Promise.all([readFile(certPath, 'utf8').catch(() => null), readFile(keyPath, 'utf8').catch(() => null)]);
  let reason = cert === null || key === null ? 'no certificate was kept yet' : replacementReason(cert, need, now);
  if (reason === null && cert !== null && key !== null) {
    if (keyMatches(cert, key)) return { cert, key, fingerprint: fingerprintOf(cert), renewed: null, certPath };
    reason = 'the kept key does not belong to the kept certificate';
  }
  const made = await generateCertificate(need, now);
  await mkdir(dir, { recursive: true });
  await writeFile(keyPath, made.key, { mode: 0o600 });
  await writeFile(certPath, made.cert);
  return { ...made, fingerprint: fingerprintOf(made.cert), renewed: reason, certPath };
}

function keyMatches(certPem: string, keyPem: string): boolean {
  try {
    return new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

export interface OwnCertificate extends Certificate {
  /** Names students may use that the certificate does not cover (their browsers will warn). */
  uncovered: string[];
}

/** The lecturer's own certificate (`--cert`, `--key`), checked: readable, the key fits, not expired. */
export async function readOwnCertificate(certPath: string, keyPath: string, need: CertificateNames, now = new Date()): Promise<OwnCertificate> {
  const read = (file: string, what: string) =>
    readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read the ${what} ${file}: ${error.code ?? error.message}`);
    });
  const [cert, key] = await Promise.all([read(certPath, 'certificate'), read(keyPath, 'key')]);
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(cert);
  } catch {
    throw new Error(`${certPath} is not a PEM certificate`);
  }
  try {
    createPrivateKey(key);
  } catch {
    throw new Error(`${keyPath} is not a PEM private key (or it needs a passphrase)`);
  }
  if (!keyMatches(cert, key)) throw new Error(`${keyPath} is not the private key of ${certPath}`);
  if (new Date(parsed.validTo).getTime() <= now.getTime()) throw new Error(`${certPath} expired on ${parsed.validTo}`);
  return { cert, key, fingerprint: parsed.fingerprint256, uncovered: missingNames(parseSubjectAltName(parsed.subjectAltName), need) };
}
