import { describe, expect, it } from 'vitest';
import { httpsUrl, isLoopback, lanAddresses, localName, roomUrls, type Interfaces } from './addresses';

const v4 = (address: string, internal = false) => ({ address, family: 'IPv4', internal });
const v6 = (address: string, internal = false) => ({ address, family: 'IPv6', internal });

describe('lanAddresses', () => {
  it('keeps the IPv4 addresses other devices can use, real interfaces before virtual ones', () => {
    const interfaces: Interfaces = {
      lo: [v4('127.0.0.1', true), v6('::1', true)],
      docker0: [v4('172.17.0.1')],
      wlp2s0: [v4('192.168.1.23'), v6('fe80::1')],
      'br-5e1c': [v4('172.18.0.1')],
      eth0: [v4('169.254.10.2'), { address: '10.0.0.7', family: 4, internal: false }],
      utun3: [v4('100.64.0.2')],
      missing: undefined,
    };
    expect(lanAddresses(interfaces)).toEqual(['192.168.1.23', '10.0.0.7', '172.17.0.1', '172.18.0.1', '100.64.0.2']);
  });

  it('is empty without a network', () => {
    expect(lanAddresses({ lo: [v4('127.0.0.1', true)] })).toEqual([]);
  });
});

describe('urls', () => {
  it('writes https URLs, IPv6 in brackets, without :443', () => {
    expect(httpsUrl('192.168.1.2', 8080)).toBe('https://192.168.1.2:8080/');
    expect(httpsUrl('fd00::2', 8080)).toBe('https://[fd00::2]:8080/');
    expect(httpsUrl('laptop.local', 443)).toBe('https://laptop.local/');
  });

  it('knows loopback names', () => {
    for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) expect(isLoopback(host)).toBe(true);
    for (const host of ['192.168.1.2', 'classroom.test', 'localhost.example', '::2']) expect(isLoopback(host)).toBe(false);
  });

  it('gives the computer a .local name unless it has a domain', () => {
    expect(localName('Lecture-Laptop')).toBe('lecture-laptop.local');
    expect(localName('MacBook.local')).toBe('macbook.local');
    expect(localName('pc.campus.example')).toBe('pc.campus.example');
    expect(localName('localhost')).toBeNull();
    expect(localName('')).toBeNull();
  });
});

describe('roomUrls', () => {
  const addresses = ['192.168.1.23', '10.0.0.7'];

  it('listening everywhere: the LAN addresses for students, localhost for the lecturer', () => {
    expect(roomUrls({ port: 8080, bindHost: null, name: null, addresses, hostname: 'laptop' })).toEqual({
      room: ['https://192.168.1.23:8080/', 'https://10.0.0.7:8080/'],
      maybe: ['https://laptop.local:8080/'],
      local: 'https://localhost:8080/',
    });
  });

  it('puts --name first (and not twice)', () => {
    const urls = roomUrls({ port: 8080, bindHost: '0.0.0.0', name: 'laptop.local', addresses, hostname: 'laptop' });
    expect(urls.room).toEqual(['https://laptop.local:8080/', 'https://192.168.1.23:8080/', 'https://10.0.0.7:8080/']);
    expect(urls.maybe).toEqual([]);
  });

  it('listening on loopback: nothing for other devices unless a name is given', () => {
    expect(roomUrls({ port: 4000, bindHost: '127.0.0.1', name: null, addresses, hostname: 'laptop' })).toEqual({ room: [], maybe: [], local: 'https://127.0.0.1:4000/' });
    expect(roomUrls({ port: 4000, bindHost: '127.0.0.1', name: 'classroom.test', addresses, hostname: 'laptop' }).room).toEqual(['https://classroom.test:4000/']);
  });

  it('listening on one LAN address: that address', () => {
    expect(roomUrls({ port: 8080, bindHost: '10.0.0.7', name: null, addresses, hostname: 'laptop' })).toEqual({ room: ['https://10.0.0.7:8080/'], maybe: [], local: 'https://10.0.0.7:8080/' });
  });

  it('no network: no room URL', () => {
    expect(roomUrls({ port: 8080, bindHost: null, name: null, addresses: [], hostname: 'laptop' }).room).toEqual([]);
  });
});
