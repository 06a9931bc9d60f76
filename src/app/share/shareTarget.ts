/**
 * Which address a Share link and QR code give the room. A link made from `localhost` or
 * `127.0.0.1` opens each student's own device, not the lecturer's: when the classroom server has
 * told the page the room's address (classroom.json), the link uses it; otherwise Share warns.
 */
import type { ClassroomInfo } from './classroomInfo';

export type ShareWarning =
  /** The link names this computer only, and no room address is known. */
  | 'localhost'
  /** A plain-http link for other devices: they get no camera, offline copy or model cache. */
  | 'insecure';

export interface ShareTarget {
  url: string;
  warning: ShareWarning | null;
  /** The address came from the classroom server (not from the page's own address). */
  fromClassroom: boolean;
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** `pageUrl` is the setup's link as the page sees it (its own origin, path and query). */
export function shareTarget(pageUrl: string, classroom: ClassroomInfo | null): ShareTarget {
  const page = new URL(pageUrl);
  if (isLoopbackHost(page.hostname)) {
    if (classroom === null) return { url: page.href, warning: 'localhost', fromClassroom: false };
    const room = new URL(classroom.url);
    room.pathname = page.pathname;
    room.search = page.search;
    room.hash = '';
    return { url: room.href, warning: room.protocol === 'http:' ? 'insecure' : null, fromClassroom: true };
  }
  return { url: page.href, warning: page.protocol === 'http:' ? 'insecure' : null, fromClassroom: false };
}

/**
 * The labels a link must carry: none when they are the model's own defaults and no preset, since
 * the link then opens with those anyway. It keeps the usual demo's link short, and its QR code
 * sparse enough to scan from the back of a lecture hall.
 */
export function labelsToShare(labels: string[], preset: string | null, defaults: readonly string[]): string[] | null {
  const same = preset === null && labels.length === defaults.length && labels.every((label, i) => label === defaults[i]);
  return same ? null : labels;
}
