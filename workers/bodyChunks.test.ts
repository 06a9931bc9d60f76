import { describe, expect, it } from 'vitest';
import { chunkReader, readWholeBody } from './bodyChunks';

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

/** A byte stream (what fetch and the Cache API give) that hands out `data` in pieces of `piece` bytes. */
function byteStream(data: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      if (offset >= data.length) {
        controller.close();
        controller.byobRequest?.respond(0); // a reader waiting with its buffer gets it back, empty
        return;
      }
      controller.enqueue(data.slice(offset, offset + piece));
      offset += piece;
    },
  });
}

/** A stream of plain chunks, which a BYOB reader cannot read. */
function chunkStream(data: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) return controller.close();
      controller.enqueue(data.slice(offset, offset + piece));
      offset += piece;
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>, scratch: number) {
  const reader = chunkReader(stream, scratch);
  const parts: number[] = [];
  const buffers = new Set<number>();
  for (let chunk = await reader.read(); chunk; chunk = await reader.read()) {
    parts.push(...chunk); // used before the next read, as the contract says
    buffers.add(chunk.buffer.byteLength);
  }
  return { data: Uint8Array.from(parts), buffers };
}

describe('chunkReader', () => {
  it('reads a byte stream through one buffer of the scratch size, whatever the pieces', async () => {
    const data = bytes(10_000);
    const { data: read, buffers } = await readAll(byteStream(data, 3000), 1024);
    expect(read).toEqual(data);
    expect([...buffers]).toEqual([1024]); // every chunk a view of the same 1 KB scratch
  });

  it('reads a stream of plain chunks as they come', async () => {
    const data = bytes(5000);
    const { data: read, buffers } = await readAll(chunkStream(data, 2000), 1024);
    expect(read).toEqual(data);
    expect([...buffers].sort()).toEqual([1000, 2000]);
  });

  it('ends at once on an empty body', async () => {
    expect((await readAll(byteStream(new Uint8Array(0), 10), 64)).data).toEqual(new Uint8Array(0));
  });
});

describe('readWholeBody', () => {
  it('fills one buffer of the expected size', async () => {
    const data = bytes(70_000);
    const read = await readWholeBody(byteStream(data, 4096), data.length);
    expect(read).toEqual(data);
    expect(read.buffer.byteLength).toBe(data.length);
  });

  it('grows past a size that was too small, and returns only what came when it was too large', async () => {
    const data = bytes(9000);
    expect(await readWholeBody(byteStream(data, 1000), 100)).toEqual(data);
    expect(await readWholeBody(chunkStream(data, 1000), 20_000)).toEqual(data);
    expect(await readWholeBody(byteStream(data, 1000), 0)).toEqual(data);
  });
});
