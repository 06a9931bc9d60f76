/// <reference types="node" />
/** SHA-256 without a secure context: incremental over any split, and equal to known digests. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogEntry } from '../src/clip/catalog';
import { BUNDLED_MODEL_ID } from '../src/clip/modelSource';
import { createSha256, sha256Hex } from './sha256';
import { BUNDLED_MODEL_DIR } from './testing/nodeModel';

const encode = (text: string) => new TextEncoder().encode(text);

// FIPS 180-2 test vectors.
const VECTORS: [string, string][] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
];

afterEach(() => vi.unstubAllGlobals());

function hashInPieces(bytes: Uint8Array, sizes: number[]): string {
  const hash = createSha256();
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    hash.update(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return hash.hex();
}

describe('createSha256 (incremental)', () => {
  it('gives the FIPS 180-2 digests', () => {
    for (const [text, digest] of VECTORS) expect(hashInPieces(encode(text), [1, 3, 7])).toBe(digest);
    const million = new Uint8Array(1_000_000).fill('a'.charCodeAt(0));
    expect(hashInPieces(million, [65536, 1, 4095])).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it("gives the bundled model's pinned digests however the bytes are split", () => {
    for (const file of ['onnx/vision_model_quantized.onnx', 'tokenizer.json', 'config.json']) {
      const bytes = new Uint8Array(readFileSync(join(BUNDLED_MODEL_DIR, file)));
      const pin = catalogEntry(BUNDLED_MODEL_ID)!.integrity![file]!;
      expect(hashInPieces(bytes, [16_384, 1, 100_003])).toBe(pin.sha256);
      expect(hashInPieces(bytes, [bytes.length])).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});

describe('sha256Hex (whole buffer)', () => {
  it('works with crypto.subtle and without it (an insecure context)', async () => {
    const bytes = encode('abc');
    expect(await sha256Hex(bytes)).toBe(VECTORS[1]![1]);
    vi.stubGlobal('crypto', undefined); // what http://<LAN address> gives a page: no crypto.subtle
    expect(globalThis.crypto).toBeUndefined();
    expect(await sha256Hex(bytes)).toBe(VECTORS[1]![1]);
  });
});
