/**
 * A download's bytes, held in one buffer: sized once when the length is known (a pin, or an honest
 * Content-Length), otherwise grown by doubling. No list of chunks and no concatenated second copy,
 * so a 90 MB tower costs 90 MB. Limits are enforced as bytes arrive: a file over its limit, or over
 * its pinned size, fails at once instead of after it was all received.
 */
import { ClipError } from './errors';
import { overLimit, type ByteLimit } from './fileLimits';

const FIRST_CAPACITY = 64 * 1024;

export class ByteSink {
  private buffer = new Uint8Array(0);
  private length = 0;

  constructor(
    private readonly file: string,
    private readonly limit: ByteLimit,
    /** The pinned size: the buffer has exactly this many bytes, and more is an integrity error. */
    private readonly exactSize?: number,
  ) {
    if (exactSize !== undefined) {
      if (exactSize > limit.bytes) throw overLimit(file, limit, exactSize);
      this.buffer = new Uint8Array(exactSize);
    }
  }

  get loaded(): number {
    return this.length;
  }

  /**
   * The server announced the whole file's size: refuse it now if it is over the limit (or not
   * the pinned size), else make room for it in one allocation.
   */
  expect(total: number): void {
    if (total > this.limit.bytes) throw overLimit(this.file, this.limit, total);
    if (this.exactSize !== undefined) {
      if (total !== this.exactSize) throw wrongSize(this.file, total, this.exactSize, 'announces');
      return;
    }
    if (total > this.buffer.byteLength) this.resize(total);
  }

  append(chunk: Uint8Array): void {
    const needed = this.length + chunk.byteLength;
    if (needed > this.limit.bytes) throw overLimit(this.file, this.limit, null);
    if (this.exactSize !== undefined && needed > this.exactSize) throw wrongSize(this.file, needed, this.exactSize, 'has at least');
    if (needed > this.buffer.byteLength) this.resize(Math.min(this.limit.bytes, Math.max(needed, this.buffer.byteLength * 2, FIRST_CAPACITY)));
    this.buffer.set(chunk, this.length);
    this.length = needed;
  }

  /** Forget the bytes held (the server sends the file from its start again); the buffer is kept. */
  reset(): void {
    this.length = 0;
  }

  /** The bytes received: a view of the one buffer (no copy). */
  bytes(): Uint8Array {
    return this.length === this.buffer.byteLength ? this.buffer : this.buffer.subarray(0, this.length);
  }

  private resize(capacity: number): void {
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

function wrongSize(file: string, size: number, pinned: number, verb: string): ClipError {
  const message = `${file} has the wrong size: the server ${verb} ${size} bytes instead of ${pinned} (a different or corrupted file)`;
  return new ClipError({ kind: 'integrity', message, file });
}
