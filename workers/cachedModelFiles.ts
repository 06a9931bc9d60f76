/**
 * The worker's `ModelFiles`: the browser's model cache, else a download. One is made per model
 * load, and decides what that load may keep:
 * - a pinned file (the catalog has its size and SHA-256) is kept as soon as it verifies;
 * - any other file is held back until the load succeeded with it (its JSON parsed, its session
 *   made: `keep`), so a truncated response that happens to end cleanly is never kept;
 * - a failed load keeps nothing it held back, drops a cached copy the error blames, and the next
 *   download of a blamed file skips the browser's HTTP cache, which may hold the same bad bytes;
 * - an unpinned file of a moving revision (`main`) is revalidated with its ETag when online
 *   (304: the cached copy; no network: the cached copy; 200: the new version, held back as above).
 */
import { catalogEntry } from '../src/clip/catalog';
import { modelFileUrl, type ModelSource } from '../src/clip/modelSource';
import type { FileProgress } from './api';
import type { Validator } from './byteRange';
import { downloadFile, revalidateFile, type Downloaded } from './download';
import { ClipError } from './errors';
import { fileByteLimit } from './fileLimits';
import { blobOf, deleteCachedFile, openModelCache, readCachedFile, storeCachedFile, verify, type CachedFileInfo, type Integrity, type StoreOutcome } from './modelCache';
import type { ModelFiles, ReadOptions } from './modelFiles';
import { releaseBuffer } from './releaseBuffer';
import { sha256Hex } from './sha256';

/** URLs whose last copy was bad: the next download asks the network, not the HTTP cache. For the worker's life. */
const distrusted = new Set<string>();

interface HeldBack {
  url: string;
  /** The bytes while the reader still has them; then (`release`) a copy out of the renderer, `blob`. */
  bytes: Uint8Array | null;
  blob: Blob | null;
  size: number;
  sha256: string;
  validator: Validator;
  /** The read's progress callback: told whether the file was kept. */
  onProgress?: ReadOptions['onProgress'];
}

export function cachedModelFiles(source: ModelSource): ModelFiles {
  // Pinned sizes and hashes only hold for the revision the catalog names.
  const entry = catalogEntry(source.id);
  const pins = entry && entry.revision === source.revision ? entry.integrity : undefined;
  // A commit id never changes what it names; a branch (`main`) or a plain folder may.
  const moving = !/^[0-9a-f]{40}$/.test(source.revision);
  const cache = openModelCache();
  const heldBack = new Map<string, HeldBack>();
  const writes: Promise<StoreOutcome>[] = [];
  let accepted = false;
  const store = (file: string, held: HeldBack) => {
    // Copied into a Blob at once (blobOf): the write does not keep the bytes themselves. Bytes
    // freed by mistake would give an empty Blob: never stored under the file's hash.
    const body = held.blob ?? blobOf(held.bytes!);
    const size = held.size;
    const write = async (): Promise<StoreOutcome> => {
      const c = await cache;
      const info = { modelId: source.id, file, revision: source.revision, sha256: held.sha256, etag: held.validator.etag, lastModified: held.validator.lastModified };
      const outcome = c && body.size === size ? await storeCachedFile(c, held.url, body, info) : 'failed';
      held.onProgress?.({ file, loaded: size, total: size, done: true, storage: outcome });
      return outcome;
    };
    writes.push(write());
  };

  /** The load ended: the reader frees the bytes (release); a Blob made by then stays until written. */
  const stopHolding = (held: HeldBack) => {
    held.bytes = null;
  };

  // Once the load succeeded, a file read again (by a move to WASM after a lost GPU) is not kept.
  const holdBack = (file: string, held: HeldBack) => {
    if (accepted) return;
    const previous = heldBack.get(file);
    heldBack.set(file, held);
    if (previous) stopHolding(previous); // read again (a move to WASM): the newer copy is kept
  };

  const download = async (url: string, file: string, options: ReadOptions, pin: Integrity | undefined): Promise<Uint8Array> => {
    const limit = fileByteLimit(file, entry?.sizes[file]);
    let downloaded: Downloaded;
    try {
      downloaded = await downloadFile(url, file, { ...options, limit, expectedSize: pin?.size, reload: distrusted.has(url) });
      verify(file, downloaded.bytes, downloaded.sha256, pin);
    } catch (error) {
      if (error instanceof ClipError && error.kind === 'integrity') distrusted.add(url);
      throw error;
    }
    distrusted.delete(url);
    const { bytes, sha256, validator } = downloaded;
    const held: HeldBack = { url, bytes, blob: null, size: bytes.byteLength, sha256, validator, onProgress: options.onProgress };
    if (pin) store(file, held);
    else holdBack(file, held);
    return downloaded.bytes;
  };

  const fromCache = async (url: string, file: string, options: ReadOptions, pin: Integrity | undefined): Promise<Uint8Array | null> => {
    const c = await cache;
    const hit = c && (await readCachedFile(c, url));
    if (!c || !hit) return null;
    if (pin) {
      // Checked again on every read, as the pin is the only word on these bytes.
      const ok = hit.bytes.byteLength === pin.size && (await sha256Hex(hit.bytes)) === pin.sha256;
      if (ok) return reportCached(options, file, hit.bytes);
    } else if (hit.info.sha256 !== null) {
      if (!moving || !hit.info.etag) return reportCached(options, file, hit.bytes);
      const fresh = await revalidate(url, file, hit.info, options);
      return fresh ?? reportCached(options, file, hit.bytes);
    }
    await deleteCachedFile(c, url); // unverifiable (an older version's unchecked copy) or bad: fetched again
    return null;
  };

  /** The new version of a moving file, or null when the cached copy stands (304, or no network). */
  const revalidate = async (url: string, file: string, info: CachedFileInfo, options: ReadOptions): Promise<Uint8Array | null> => {
    let result: Downloaded | 'not-modified';
    try {
      result = await revalidateFile(url, file, info.etag!, { ...options, limit: fileByteLimit(file, entry?.sizes[file]) });
    } catch (error) {
      if (error instanceof ClipError && (error.kind === 'cancelled' || error.kind === 'limit')) throw error;
      return null; // offline or the server failed: the copy that worked last time
    }
    if (result === 'not-modified') return null;
    holdBack(file, { url, bytes: result.bytes, blob: null, size: result.bytes.byteLength, sha256: result.sha256, validator: result.validator, onProgress: options.onProgress });
    return result.bytes;
  };

  return {
    source,
    async read(file, options = {}) {
      const url = modelFileUrl(source, file);
      const pin = pins?.[file];
      return (await fromCache(url, file, options, pin)) ?? (await download(url, file, options, pin));
    },
    pinned: (file) => pins?.[file] !== undefined,
    awaitsProof: (file) => heldBack.has(file),
    async keep(files) {
      accepted = true;
      for (const file of files) {
        const held = heldBack.get(file);
        if (held) store(file, held);
      }
      for (const held of heldBack.values()) stopHolding(held); // no longer held back: being written, or not kept
      heldBack.clear();
      await Promise.all(writes);
    },
    async discard(error) {
      for (const held of heldBack.values()) stopHolding(held);
      heldBack.clear();
      // A pinned file verified: the model is broken, or this backend cannot run it, not the bytes.
      const blamed = error instanceof ClipError && error.kind === 'invalid-model' ? error.file : undefined;
      if (blamed && !pins?.[blamed]) {
        const url = modelFileUrl(source, blamed);
        distrusted.add(url);
        await deleteCachedFile(await cache, url);
      }
      await Promise.all(writes);
    },
    release(bytes) {
      // Held back until the load ends: a Blob holds a copy from now on (in Chromium, in the
      // browser's blob store, out of this renderer, where the other tower's load sets the peak).
      // Nothing else here uses bytes once given out: a write copies them when it starts.
      for (const held of heldBack.values()) {
        if (held.bytes !== bytes) continue;
        held.blob = blobOf(bytes);
        held.bytes = null;
      }
      releaseBuffer(bytes);
    },
  };
}

function reportCached(options: ReadOptions, file: string, bytes: Uint8Array): Uint8Array {
  options.onProgress?.({ file, loaded: bytes.byteLength, total: bytes.byteLength, done: true, fromCache: true } satisfies FileProgress);
  return bytes;
}
