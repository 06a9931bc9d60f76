import { describe, expect, it } from 'vitest';
import { httpsLocation } from './plainHttpRedirect';

describe('httpsLocation', () => {
  it('sends a plain-http request to the same host, port and path over https', () => {
    expect(httpsLocation({ headers: { host: '192.168.1.23:8080' }, url: '/?model=clip-shapes-tiny&view=camera' }, 'x:1')).toBe('https://192.168.1.23:8080/?model=clip-shapes-tiny&view=camera');
    expect(httpsLocation({ headers: { host: 'Laptop.local:8080' }, url: '/' }, 'x:1')).toBe('https://Laptop.local:8080/');
    expect(httpsLocation({ headers: { host: '[fd00::2]:8080' }, url: '/a' }, 'x:1')).toBe('https://[fd00::2]:8080/a');
  });

  it('puts nothing odd from the request into the Location header', () => {
    for (const host of [undefined, '', 'evil.example/path', 'a b', 'host:port', 'x\r\nSet-Cookie: y']) {
      expect(httpsLocation({ headers: { host }, url: '/p' }, 'laptop.local:8080')).toBe('https://laptop.local:8080/p');
    }
    expect(httpsLocation({ headers: { host: 'a:1' }, url: 'http://elsewhere/' }, 'b:2')).toBe('https://a:1/');
  });
});
