/**
 * The models that loaded in this browser, newest first (localStorage): a visit whose URL names no
 * model starts with the last one that worked, with its precision and backend; offline, the start
 * falls back to one of them that is still in the model cache (see startModel.ts).
 */
import type { BackendChoice, LoadRequest } from '../../../workers/api';
import type { ModelSource, Precision } from '../../clip/modelSource';

export interface RememberedModel {
  source: ModelSource;
  backend: BackendChoice;
  precision: Precision | 'auto';
}

export const REMEMBERED_KEY = 'clip-models-that-worked';
const MAX_REMEMBERED = 5;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const BACKENDS: readonly string[] = ['auto', 'wasm', 'webgpu'];
const PRECISIONS: readonly string[] = ['auto', 'fp32', 'fp16', 'q8'];

function isRemembered(value: unknown): value is RememberedModel {
  if (typeof value !== 'object' || value === null) return false;
  const { source, backend, precision } = value as Record<string, unknown>;
  if (typeof source !== 'object' || source === null) return false;
  const { id, host, revision } = source as Record<string, unknown>;
  return (
    typeof id === 'string' && id !== '' && typeof host === 'string' && host !== '' && typeof revision === 'string' &&
    typeof backend === 'string' && BACKENDS.includes(backend) && typeof precision === 'string' && PRECISIONS.includes(precision)
  );
}

/** The stored list; anything unreadable (another version's format, hand edits) counts as nothing. */
export function parseRemembered(text: string | null): RememberedModel[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(isRemembered).slice(0, MAX_REMEMBERED) : [];
  } catch {
    return [];
  }
}

export function sameSource(a: ModelSource, b: ModelSource): boolean {
  return a.id === b.id && a.host === b.host && a.revision === b.revision;
}

/** What is kept of a load request: the model and the choices a person made (not `threads`). */
export function toRemembered(request: LoadRequest): RememberedModel {
  const { id, host, revision } = request.source;
  return { source: { id, host, revision }, backend: request.backend, precision: request.precision ?? 'auto' };
}

/** The list with `worked` first, once, and at most the newest five. */
export function withWorked(list: readonly RememberedModel[], worked: RememberedModel): RememberedModel[] {
  return [worked, ...list.filter((m) => !sameSource(m.source, worked.source))].slice(0, MAX_REMEMBERED);
}

/** localStorage, or nothing where it is unavailable (storage disabled, some private modes). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // reading `localStorage` itself throws when storage is blocked
  }
}

export function readRemembered(storage: KeyValueStorage | null = browserStorage()): RememberedModel[] {
  try {
    return parseRemembered(storage?.getItem(REMEMBERED_KEY) ?? null);
  } catch {
    return [];
  }
}

export function rememberWorked(request: LoadRequest, storage: KeyValueStorage | null = browserStorage()): void {
  try {
    storage?.setItem(REMEMBERED_KEY, JSON.stringify(withWorked(readRemembered(storage), toRemembered(request))));
  } catch {
    // full or blocked storage: the next visit starts with the URL's model, as before
  }
}
