/**
 * Plain-http visitors on the classroom server's port are sent to its https:// address.
 *
 * Browsers take a typed `192.168.1.23:8080` for http://, and a TLS-only port then answers with
 * nothing ("sent no data"), which looks like a broken server. So the port listens for both: the
 * first byte of a connection tells TLS (a handshake record, 0x16) from plain HTTP, and plain HTTP
 * gets a redirect to the same address over https.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { Server, Socket } from 'node:net';

const TLS_HANDSHAKE = 0x16;

/** Host names, IPv4 and bracketed IPv6 addresses, with an optional port: nothing else goes in a Location. */
const HOST_HEADER = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Where a plain-http request goes: the same host and path over https (`fallbackHost` for an odd Host header). */
export function httpsLocation(request: Pick<IncomingMessage, 'headers' | 'url'>, fallbackHost: string): string {
  const host = request.headers.host?.trim() ?? '';
  const path = request.url?.startsWith('/') ? request.url : '/';
  return `https://${HOST_HEADER.test(host) ? host : fallbackHost}${path}`;
}

/** Makes `tlsServer` (listening or not) answer plain-http connections with a redirect to https. */
export function redirectPlainHttp(tlsServer: Server, fallbackHost: string): void {
  const tlsListeners = tlsServer.listeners('connection') as ((socket: Socket) => void)[];
  tlsServer.removeAllListeners('connection');
  const redirector = createServer((request, response) => {
    const location = httpsLocation(request, fallbackHost);
    // 307, not 301: a browser must not remember it should the port later serve plain http.
    response.writeHead(307, { Location: location, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    response.end(`This server speaks https only: ${location}\n`);
  });
  tlsServer.on('connection', (socket: Socket) => {
    socket.on('error', () => undefined); // a client that hangs up early is no concern of the lecture
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE) {
        for (const listener of tlsListeners) listener.call(tlsServer, socket);
      } else {
        redirector.emit('connection', socket);
        socket.resume();
      }
    });
  });
}
