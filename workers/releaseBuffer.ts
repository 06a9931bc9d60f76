/**
 * Frees a large buffer now rather than at some later garbage collection. A worker's JS heap is
 * small, so V8 collects dead ArrayBuffers late: a model file's 88 MB or a decoded photo's 48 MB
 * lingered for seconds after their last use, and the renderer's peak memory counts them.
 * `ArrayBuffer.prototype.transfer(0)` detaches the buffer and drops its memory at once.
 *
 * Only for buffers the caller owns and will not touch again: every view on it becomes empty.
 * Browsers without `transfer` (and buffers that cannot be detached) are left to the collector.
 */
export function releaseBuffer(view: ArrayBufferView): void {
  const buffer = view.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (typeof buffer.transfer !== 'function' || buffer.byteLength === 0) return;
  try {
    buffer.transfer(0);
  } catch {
    // Shared, wasm-owned or already detached: nothing to free here.
  }
}
