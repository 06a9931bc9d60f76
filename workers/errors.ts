/**
 * The errors the CLIP worker and its page-side client report, as one typed union. Code decides on
 * `kind` (never on the wording of a message); people read `message`.
 *
 * Errors cross the worker boundary as plain data (`ClipErrorData`): Comlink rethrows a thrown
 * non-Error value as it is, so the worker throws `toErrorData(error)` and the client turns it back
 * into a `ClipError` with `ClipError.from`.
 */

export type ClipErrorKind =
  /** The caller aborted the call (AbortSignal), or a newer call replaced it. */
  | 'cancelled'
  /** The network failed: server unreachable, connection dropped, offline. */
  | 'network'
  /** The server answered with an error status (`status`). */
  | 'http'
  /** A downloaded file failed its size or SHA-256 check, or was truncated. */
  | 'integrity'
  /** A file that is not an image. */
  | 'not-image'
  /** An image that could not be decoded (corrupt or unsupported format). */
  | 'decode'
  /** Something is over a limit the app sets (image size, file size, label count...). */
  | 'limit'
  /** The worker stopped answering or was killed (out of memory on a phone). */
  | 'worker-died'
  /** A model file is present but unusable: invalid JSON, bad config, a session that cannot be made. */
  | 'invalid-model'
  /** No model is loaded (yet), or the model load this call waited for failed. */
  | 'no-model'
  /** A bug or an unexpected failure of the runtime: the message says what. */
  | 'internal';

export interface ClipErrorData {
  kind: ClipErrorKind;
  message: string;
  /** The file (model file or image name) the error is about. */
  file?: string;
  /** HTTP status for `http`. */
  status?: number;
}

const KINDS: ReadonlySet<string> = new Set<ClipErrorKind>([
  'cancelled', 'network', 'http', 'integrity', 'not-image', 'decode', 'limit', 'worker-died', 'invalid-model', 'no-model', 'internal',
]);

export class ClipError extends Error {
  readonly kind: ClipErrorKind;
  readonly file?: string;
  readonly status?: number;

  constructor(data: ClipErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.name = 'ClipError';
    this.kind = data.kind;
    if (data.file !== undefined) this.file = data.file;
    if (data.status !== undefined) this.status = data.status;
  }

  toData(): ClipErrorData {
    const data: ClipErrorData = { kind: this.kind, message: this.message };
    if (this.file !== undefined) data.file = this.file;
    if (this.status !== undefined) data.status = this.status;
    return data;
  }

  /** Any thrown value as a ClipError: ClipErrors and their data as they are, anything else `internal`. */
  static from(error: unknown): ClipError {
    if (error instanceof ClipError) return error;
    if (isClipErrorData(error)) return new ClipError(error);
    if (error instanceof DOMException && error.name === 'AbortError') return new ClipError({ kind: 'cancelled', message: 'Cancelled' }, { cause: error });
    const message = error instanceof Error ? error.message : String(error);
    return new ClipError({ kind: 'internal', message }, { cause: error });
  }
}

export function isClipErrorData(value: unknown): value is ClipErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, message } = value as Partial<ClipErrorData>;
  return typeof kind === 'string' && KINDS.has(kind) && typeof message === 'string';
}

/** What the worker throws across Comlink: plain data, so the kind survives structured cloning. */
export function toErrorData(error: unknown): ClipErrorData {
  return ClipError.from(error).toData();
}

export function cancelledError(message = 'Cancelled'): ClipError {
  return new ClipError({ kind: 'cancelled', message });
}

export function isCancelled(error: unknown): boolean {
  return ClipError.from(error).kind === 'cancelled';
}
