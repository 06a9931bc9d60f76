/**
 * The addresses students can reach the lecturer's laptop at, from its network interfaces. Pure:
 * the caller passes `os.networkInterfaces()` and `os.hostname()`.
 */
import { isIP } from 'node:net';

export interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

export type Interfaces = Record<string, readonly InterfaceAddress[] | undefined>;

/**
 * Interfaces that are rarely the room's network (containers, VMs, VPNs): listed after the others,
 * so the first address (the one in the QR code) is the Wi-Fi's or the Ethernet's.
 */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|vethernet|virtualbox|vmware|utun|tun|tap|wg|tailscale|zt|lxc|lxdbr|cni|flannel|podman|awdl|llw|anpi|bridge)/i;

/** IPv4 addresses other devices can use, best first: no loopback, no link-local (169.254/16). */
export function lanAddresses(interfaces: Interfaces): string[] {
  const found: { address: string; virtual: boolean; order: number }[] = [];
  for (const [name, entries] of Object.entries(interfaces)) {
    for (const entry of entries ?? []) {
      const ipv4 = entry.family === 'IPv4' || entry.family === 4;
      if (!ipv4 || entry.internal || entry.address.startsWith('169.254.')) continue;
      found.push({ address: entry.address, virtual: VIRTUAL.test(name), order: found.length });
    }
  }
  found.sort((a, b) => Number(a.virtual) - Number(b.virtual) || a.order - b.order);
  return unique(found.map((f) => f.address));
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

function isEverywhere(host: string | null): boolean {
  return host === null || host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** `https://host:port/`, with IPv6 addresses in brackets and 443 left out. */
export function httpsUrl(host: string, port: number): string {
  const h = isIP(host) === 6 ? `[${host}]` : host;
  return `https://${h}${port === 443 ? '' : `:${port}`}/`;
}

/**
 * `.local` name of this computer, as macOS and Windows announce it (and Linux with Avahi): the
 * host name itself when it already has a domain.
 */
export function localName(hostname: string): string | null {
  const h = hostname.trim().toLowerCase();
  if (!h || h === 'localhost' || isIP(h)) return null;
  return h.includes('.') ? h : `${h}.local`;
}

export interface RoomUrlInput {
  port: number;
  /** Where the server listens (null: everywhere). */
  bindHost: string | null;
  /** `--name`: the host name the lecturer wants students to use. */
  name: string | null;
  /** `lanAddresses(os.networkInterfaces())` */
  addresses: readonly string[];
  hostname: string;
}

export interface RoomUrls {
  /** What other devices can open, best first: the first goes into the QR code and Share links. */
  room: string[];
  /** The computer's own `.local` name: works only where the computer announces it (mDNS). */
  maybe: string[];
  /** What the lecturer opens on this computer. */
  local: string;
}

export function roomUrls({ port, bindHost, name, addresses, hostname }: RoomUrlInput): RoomUrls {
  const url = (host: string) => httpsUrl(host, port);
  if (isEverywhere(bindHost)) {
    const mdns = localName(hostname);
    const room = unique([...(name ? [name] : []), ...addresses]).map(url);
    const maybe = mdns && mdns !== name ? [url(mdns)] : [];
    return { room, maybe, local: url('localhost') };
  }
  const host = bindHost as string;
  if (isLoopback(host)) {
    // Only this computer can connect; `--name` is how tests (a name mapped to loopback) play a student.
    return { room: name ? [url(name)] : [], maybe: [], local: url(host) };
  }
  const room = unique([...(name ? [name] : []), host]).map(url);
  return { room, maybe: [], local: room[0] ?? url(host) };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
