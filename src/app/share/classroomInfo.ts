/**
 * What the classroom server (`server/`, `npm run classroom`) tells the page: the address students
 * use to reach it. The lecturer usually opens the app as `https://localhost:8080` on their own
 * laptop, and a link or QR code made from that address would send every student to their own
 * device; with this file, Share uses the room's address instead.
 *
 * Served only by the classroom server, at `${BASE_URL}classroom.json`. Elsewhere the request
 * fails or gets the app's index.html (an SPA fallback), which `fetchClassroomInfo` ignores.
 * Shared by the server (which writes it) and the page (which reads it).
 */
export const CLASSROOM_INFO_FILE = 'classroom.json';

export interface ClassroomInfo {
  /** The address to give students (the first of `urls`), with a trailing slash. */
  url: string;
  /** Every address the server answers on from other devices, best first. */
  urls: string[];
}

function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The info from parsed JSON, or null when it is not what the classroom server writes. */
export function parseClassroomInfo(value: unknown): ClassroomInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const { url, urls } = value as Record<string, unknown>;
  if (!isWebUrl(url)) return null;
  const others = Array.isArray(urls) ? urls.filter(isWebUrl) : [];
  return { url, urls: others.includes(url) ? others : [url, ...others] };
}

/** Asks the server that served the page; null anywhere but the classroom server (or offline). */
export async function fetchClassroomInfo(baseUrl: string, fetcher: typeof fetch = fetch): Promise<ClassroomInfo | null> {
  try {
    const response = await fetcher(new URL(CLASSROOM_INFO_FILE, baseUrl), { cache: 'no-store' });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null;
    return parseClassroomInfo(await response.json());
  } catch {
    return null;
  }
}
