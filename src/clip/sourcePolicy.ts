/**
 * Which model downloads the app may start on its own, and which need the user's consent first.
 *
 * A shared link is not the user's choice: `?host=` would make every student's browser fetch
 * models, tokenizers and configs from a server the link names (which sees their IP address), and
 * `?revision=` or `?precision=` can switch off the SHA-256 checks or turn a 150 MB download into
 * 600 MB. So a load is assessed before a single request is made:
 *
 * - trusted hosts: the Hugging Face hub (exactly `https://huggingface.co`) and the page's own
 *   origin (a lecturer's copy placed next to the app). Every other host needs consent.
 * - verification: a catalog model at its pinned revision has its files checked by size and
 *   SHA-256. A different revision of a catalog model, or a repository the catalog does not know,
 *   is "not verified"; from the hub that needs consent (a link can name any repository there,
 *   of any size), from the app's own origin it does not (the people who run the server put it there).
 * - size: an explicit precision whose download is over LARGE_DOWNLOAD_BYTES needs consent.
 *
 * Plain logic (no DOM): the state layer asks `assessLoad` before it calls the worker, and a
 * consent dialog shows what it returns.
 */
import { catalogEntry, downloadSize, type CatalogModel, type TowerPrecisions } from './catalog';
import { BUNDLED_MODEL_ID, type ModelSource, type Precision } from './modelSource';

/** The hub's one origin. Its CDN hosts are only reached by redirects from it. */
export const HUB_ORIGIN = 'https://huggingface.co';

/**
 * An explicit precision that downloads more than this asks first. The automatic choices stay
 * below it (the largest, MobileCLIP S2 on WASM, is about 207 MB; CLIP ViT-B/32 in 8-bit 154 MB),
 * while the overrides a link can make are far above it (ViT-B/32: fp16 303 MB, fp32 606 MB). On
 * lecture-hall Wi-Fi shared by a hundred students, 250 MB is minutes per student.
 */
export const LARGE_DOWNLOAD_BYTES = 250_000_000;

export type HostTrust = 'hub' | 'same-origin' | 'foreign';

/** Why a load needs consent; none: it may start at once. */
export type ConsentReason =
  /** The files would come from a server that is neither the hub nor this app's own. */
  | 'foreign-host'
  /** A catalog model at another revision than its pinned one: no SHA-256 checks. */
  | 'unpinned-revision'
  /** A hub repository the catalog does not know: unknown size, nothing to check against. */
  | 'unknown-model'
  /** An explicit precision that downloads more than LARGE_DOWNLOAD_BYTES. */
  | 'large-download';

export interface SourceAssessment {
  /** The host as people should read it: an origin (`https://example.org`), or `this app`. */
  hostLabel: string;
  trust: HostTrust;
  /** Files that will be checked against a pinned size and SHA-256 (0: not verified). */
  pinnedFiles: number;
  /** Bytes of the two ONNX files, from the catalog; null when the catalog does not know them. */
  downloadBytes: number | null;
  reasons: ConsentReason[];
  /** What the consent is for: one answer covers every load with the same key. */
  key: string;
}

export interface LoadToAssess {
  source: ModelSource;
  precision?: Precision | 'auto';
}

/** The origin of a host, resolved against the page (a relative `/models` is the page's own). */
export function hostOrigin(host: string, pageUrl: string): string | null {
  try {
    const url = new URL(host, pageUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * Hosts are compared by exact origin: `https://evilhuggingface.co`, `http://huggingface.co`,
 * `https://huggingface.co.evil.example` and `https://user@huggingface.co` are all foreign.
 */
export function hostTrust(host: string, pageUrl: string): HostTrust {
  const origin = hostOrigin(host, pageUrl);
  if (origin === null) return 'foreign';
  if (hasCredentials(host, pageUrl)) return 'foreign';
  if (origin === HUB_ORIGIN) return 'hub';
  return origin === hostOrigin(pageUrl, pageUrl) ? 'same-origin' : 'foreign';
}

/** Whether the files of this source are checked against the catalog's pins. */
export function pinsApply(source: ModelSource, entry: CatalogModel | undefined = catalogEntry(source.id)): boolean {
  return entry !== undefined && entry.revision === source.revision && Object.keys(entry.integrity ?? {}).length > 0;
}

/** The weights each tower gets: an explicit precision for both, else the catalog's WASM choice. */
export function plannedTowers(id: string, precision: Precision | 'auto' | undefined): TowerPrecisions {
  if (precision && precision !== 'auto') return { vision: precision, text: precision };
  return catalogEntry(id)?.wasm ?? { vision: 'q8', text: 'q8' };
}

export function assessLoad({ source, precision = 'auto' }: LoadToAssess, pageUrl: string): SourceAssessment {
  const trust = hostTrust(source.host, pageUrl);
  const entry = catalogEntry(source.id);
  const pinned = pinsApply(source, entry);
  const size = entry ? downloadSize(entry, plannedTowers(source.id, precision)) : 0;
  const downloadBytes = entry && size > 0 ? size : null;
  const reasons: ConsentReason[] = [];
  if (trust === 'foreign') reasons.push('foreign-host');
  if (entry && entry.id !== BUNDLED_MODEL_ID && !pinned && Object.keys(entry.integrity ?? {}).length > 0) reasons.push('unpinned-revision');
  if (!entry && trust !== 'same-origin') reasons.push('unknown-model');
  if (precision !== 'auto' && downloadBytes !== null && downloadBytes > LARGE_DOWNLOAD_BYTES) reasons.push('large-download');
  const origin = hostOrigin(source.host, pageUrl);
  return {
    hostLabel: trust === 'same-origin' ? 'this app' : (origin ?? source.host),
    trust,
    pinnedFiles: pinned ? Object.keys(entry?.integrity ?? {}).length : 0,
    downloadBytes,
    reasons,
    key: JSON.stringify([origin ?? source.host, source.id, source.revision, precision]),
  };
}

/** Sentences for the consent dialog, one per reason. */
export function reasonText(reason: ConsentReason, assessment: SourceAssessment): string {
  switch (reason) {
    case 'foreign-host':
      return `The files come from ${assessment.hostLabel}, which is neither the Hugging Face hub nor this app's own server. That server sees your IP address.`;
    case 'unpinned-revision':
      return 'The link asks for another revision than the one this app has checked: the files are not verified (no SHA-256 check).';
    case 'unknown-model':
      return 'This app does not know this model: its size is unknown and its files are not verified.';
    case 'large-download':
      return `The chosen precision downloads more than ${Math.round(LARGE_DOWNLOAD_BYTES / 1e6)} MB.`;
  }
}

function hasCredentials(host: string, pageUrl: string): boolean {
  try {
    const url = new URL(host, pageUrl);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}
