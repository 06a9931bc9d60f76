/**
 * SHA-256 for model files, in any context. `crypto.subtle` exists only in secure contexts (a
 * student opening the lecturer's `http://<LAN address>:8080` has none), so hashing uses
 * @noble/hashes (audited, no dependencies): incrementally while a download streams in, so there
 * is no second pass over 90 MB. A whole buffer (a copy read back from the cache) uses the browser's
 * native digest where there is one, as it is several times faster.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface IncrementalHash {
  update(bytes: Uint8Array): void;
  /** The digest as lowercase hex; the hash cannot be updated afterwards. */
  hex(): string;
}

export function createSha256(): IncrementalHash {
  const hash = sha256.create();
  return {
    update: (bytes) => void hash.update(bytes),
    hex: () => bytesToHex(hash.digest()),
  };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    return bytesToHex(new Uint8Array(digest));
  }
  return bytesToHex(sha256(bytes));
}
