import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CERT_FILE,
  certificateNames,
  ensureCertificate,
  generateCertificate,
  KEY_FILE,
  missingNames,
  parseSubjectAltName,
  readOwnCertificate,
  replacementReason,
} from './certificate';

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 24 * 3600 * 1000;
const names = certificateNames({ hostname: 'Laptop', addresses: ['192.168.1.23'], name: 'classroom.test', bindHost: null });

describe('certificate names', () => {
  it('names localhost, the host name, .local names, --name and the LAN addresses', () => {
    expect(names).toEqual({ dns: ['localhost', 'laptop', 'laptop.local', '*.local', 'classroom.test'], ips: ['127.0.0.1', '::1', '192.168.1.23'] });
    expect(certificateNames({ hostname: 'pc', addresses: [], name: '10.0.0.9', bindHost: '10.0.0.9' }).ips).toEqual(['127.0.0.1', '::1', '10.0.0.9']);
    expect(certificateNames({ hostname: 'pc', addresses: [], name: null, bindHost: '0.0.0.0' }).ips).toEqual(['127.0.0.1', '::1']);
  });

  it('reads the names Node shows for a certificate, IPv6 compressed', () => {
    expect(parseSubjectAltName('DNS:localhost, DNS:*.local, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1')).toEqual({ dns: ['localhost', '*.local'], ips: ['127.0.0.1', '::1'] });
    expect(parseSubjectAltName(undefined)).toEqual({ dns: [], ips: [] });
  });

  it('a *.local name covers one label only', () => {
    const have = { dns: ['*.local'], ips: [] };
    expect(missingNames(have, { dns: ['room.local'], ips: [] })).toEqual([]);
    expect(missingNames(have, { dns: ['a.b.local', 'local'], ips: ['10.0.0.1'] })).toEqual(['a.b.local', 'local', '10.0.0.1']);
  });
});

describe('ensureCertificate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'classroom-cert-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a certificate for every name, keeps its key private, and uses it again next time', async () => {
    const first = await ensureCertificate(dir, names, NOW);
    expect(first.renewed).toBe('no certificate was kept yet');
    const cert = new X509Certificate(await readFile(path.join(dir, CERT_FILE), 'utf8'));
    expect(missingNames(parseSubjectAltName(cert.subjectAltName), names)).toEqual([]);
    expect(new Date(cert.validTo).getTime() - NOW.getTime()).toBeGreaterThan(300 * DAY);
    expect((await stat(path.join(dir, KEY_FILE))).mode & 0o077).toBe(0);

    const again = await ensureCertificate(dir, names, new Date(NOW.getTime() + 30 * DAY));
    expect(again.renewed).toBeNull();
    expect(again.fingerprint).toBe(first.fingerprint);
  });

  it('makes a new one when the laptop has a new address', async () => {
    const first = await ensureCertificate(dir, names, NOW);
    const moved = { ...names, ips: [...names.ips, '10.0.0.7'] };
    const second = await ensureCertificate(dir, moved, NOW);
    expect(second.renewed).toBe('the kept certificate does not name 10.0.0.7');
    expect(second.fingerprint).not.toBe(first.fingerprint);
  });

  it('makes a new one a week before the old one ends', async () => {
    await ensureCertificate(dir, names, NOW);
    const late = new Date(NOW.getTime() + 360 * DAY);
    expect((await ensureCertificate(dir, names, late)).renewed).toMatch(/^the kept certificate ends on 2027-12-01$/);
  });

  it('replaces an unreadable certificate or a key that does not belong to it', async () => {
    await writeFile(path.join(dir, CERT_FILE), 'not a certificate');
    await writeFile(path.join(dir, KEY_FILE), 'not a key');
    expect((await ensureCertificate(dir, names, NOW)).renewed).toBe('the kept certificate could not be read');
    const other = await generateCertificate(names, NOW);
    await writeFile(path.join(dir, KEY_FILE), other.key);
    expect((await ensureCertificate(dir, names, NOW)).renewed).toBe('the kept key does not belong to the kept certificate');
  });

  it('replacementReason accepts a fitting certificate', async () => {
    const { cert } = await generateCertificate(names, NOW);
    expect(replacementReason(cert, names, NOW)).toBeNull();
  });
});

describe('readOwnCertificate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'classroom-own-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the lecturer\'s files and names the addresses they do not cover', async () => {
    const own = await generateCertificate({ dns: ['lecture.example'], ips: [] }, NOW);
    await writeFile(path.join(dir, 'c.pem'), own.cert);
    await writeFile(path.join(dir, 'k.pem'), own.key);
    const read = await readOwnCertificate(path.join(dir, 'c.pem'), path.join(dir, 'k.pem'), { dns: ['lecture.example'], ips: ['10.0.0.7'] }, NOW);
    expect(read.uncovered).toEqual(['10.0.0.7']);
    expect(read.cert).toBe(own.cert);
  });

  it('says what is wrong with them', async () => {
    const own = await generateCertificate(names, NOW);
    const other = await generateCertificate(names, NOW);
    await writeFile(path.join(dir, 'c.pem'), own.cert);
    await writeFile(path.join(dir, 'k.pem'), other.key);
    await writeFile(path.join(dir, 'junk.pem'), 'junk');
    const need = { dns: [], ips: [] };
    await expect(readOwnCertificate(path.join(dir, 'none.pem'), path.join(dir, 'k.pem'), need, NOW)).rejects.toThrow(/cannot read the certificate .*none\.pem: ENOENT/);
    await expect(readOwnCertificate(path.join(dir, 'junk.pem'), path.join(dir, 'k.pem'), need, NOW)).rejects.toThrow(/junk\.pem is not a PEM certificate/);
    await expect(readOwnCertificate(path.join(dir, 'c.pem'), path.join(dir, 'junk.pem'), need, NOW)).rejects.toThrow(/junk\.pem is not a PEM private key/);
    await expect(readOwnCertificate(path.join(dir, 'c.pem'), path.join(dir, 'k.pem'), need, NOW)).rejects.toThrow(/k\.pem is not the private key of/);
    await writeFile(path.join(dir, 'k.pem'), own.key);
    await expect(readOwnCertificate(path.join(dir, 'c.pem'), path.join(dir, 'k.pem'), need, new Date(NOW.getTime() + 400 * DAY))).rejects.toThrow(/expired/);
  });
});
