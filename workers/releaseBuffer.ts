/**
 * Frees a large buffer now rather than at some later garbage collection. A worker's JS heap is
 * small, so V8 collects dead ArrayBuffers late: a model file's 88 MB lingered for seconds after its
 * last use, and the renderer's peak memory counts it.
 * `ArrayBuffer.prototype.transfer(0)` detaches the buffer and drops its memory at once.
 *
 * Not for buffers made again and again: detaching each decoded photo's pixels made the renderer
 * grow more over 100 photos, not less (measured, see imageEmbedder.ts); so did detaching the
 * 4 MB bands of a band-by-band read-back that was tried.
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
