/**
 * A response body read chunk by chunk through one reused buffer. A default reader hands out a new
 * ArrayBuffer per chunk (tens of kilobytes each): a 90 MB tower leaves 90 MB of spent chunks for
 * the worker's garbage collector (no change in the renderer's peak was measured from this alone).
 * A BYOB ("bring your own buffer") reader fills the same 1 MB buffer again and again instead.
 * Bodies that are not byte streams (older engines) are read with a default reader.
 *
 * A chunk is a view that the next `read` overwrites: use it (copy, hash) before asking again.
 */
export interface ChunkReader {
  /** The next chunk, or null at the end of the body. */
  read(): Promise<Uint8Array | null>;
  cancel(): Promise<void>;
}

export const SCRATCH_BYTES = 1 << 20;

export function chunkReader(body: ReadableStream<Uint8Array>, scratchBytes = SCRATCH_BYTES): ChunkReader {
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = body.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream: chunks as the stream makes them.
  }
  if (!byob) {
    const reader = body.getReader();
    return {
      async read() {
        const { done, value } = await reader.read();
        return done ? null : value;
      },
      cancel: () => reader.cancel(),
    };
  }
  const reader = byob;
  // Each read transfers the buffer into the stream and back: keep the one it comes back as.
  let scratch = new ArrayBuffer(scratchBytes);
  return {
    async read() {
      const { done, value } = await reader.read(new Uint8Array(scratch));
      if (value) scratch = value.buffer;
      return done || !value ? null : value;
    },
    cancel: () => reader.cancel(),
  };
}

/**
 * A whole body in one buffer this worker allocated, for a model file it hands to onnxruntime and
 * frees afterwards (`releaseBuffer`). `response.arrayBuffer()` is not used for those: the engine
 * made that buffer and keeps its memory after the worker detaches it, until a garbage collection
 * that an idle worker may not run for seconds (measured: 90 MB still resident 11 s later).
 * `expectedSize` (the stored Content-Length) sizes the buffer once; a body that is longer grows it.
 */
export async function readWholeBody(body: ReadableStream<Uint8Array>, expectedSize: number): Promise<Uint8Array> {
  let buffer = new Uint8Array(Math.max(0, expectedSize));
  let length = 0;
  const reader = chunkReader(body);
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    if (length + chunk.byteLength > buffer.byteLength) {
      const grown = new Uint8Array(Math.max(length + chunk.byteLength, buffer.byteLength * 2));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(chunk, length);
    length += chunk.byteLength;
  }
  return length === buffer.byteLength ? buffer : buffer.subarray(0, length);
}
