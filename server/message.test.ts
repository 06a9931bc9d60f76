import { describe, expect, it } from 'vitest';
import { roomMessage, type CertificateSummary } from './message';

const generated: CertificateSummary = { path: '.classroom/cert.pem', fingerprint: 'AB:CD', generated: true, renewed: null, uncovered: [] };

describe('roomMessage', () => {
  it('names the address for students first, the QR code, and what the certificate warning is', () => {
    const text = roomMessage({
      urls: { room: ['https://192.168.1.23:8080/', 'https://10.0.0.7:8080/'], maybe: ['https://laptop.local:8080/'], local: 'https://localhost:8080/' },
      certificate: generated,
      qr: '[QR]\n',
    });
    expect(text).toMatch(/Students open: +https:\/\/192\.168\.1\.23:8080\/\n +or: +https:\/\/10\.0\.0\.7:8080\//);
    expect(text).toContain('https://laptop.local:8080/');
    expect(text).toMatch(/On this computer: +https:\/\/localhost:8080\//);
    expect(text).toContain('[QR]');
    expect(text).toContain('warns once');
    expect(text).toContain('kept from an earlier run');
    expect(text).toContain('AB:CD');
  });

  it('says when there is no address for students, and shows no QR code', () => {
    const text = roomMessage({ urls: { room: [], maybe: [], local: 'https://localhost:8080/' }, certificate: { ...generated, renewed: 'no certificate was kept yet' }, qr: '[QR]' });
    expect(text).toContain('No network address found');
    expect(text).not.toContain('[QR]');
    expect(text).toContain('new: no certificate was kept yet');
  });

  it('warns about names the lecturer\'s own certificate does not cover', () => {
    const text = roomMessage({
      urls: { room: ['https://10.0.0.7:8080/'], maybe: [], local: 'https://localhost:8080/' },
      certificate: { path: 'my.pem', fingerprint: 'EF', generated: false, renewed: null, uncovered: ['10.0.0.7'] },
      qr: null,
    });
    expect(text).not.toContain('warns once');
    expect(text).toContain('does not name 10.0.0.7');
  });
});
