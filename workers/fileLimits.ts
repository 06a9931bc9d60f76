/**
 * How many bytes a model file may have. A server that sends a 300 MB `config.json` (by mistake or
 * on purpose) must not make the tab hold 300 MB before the JSON parser refuses it: downloads stop
 * as soon as a file passes its limit, with a `limit` error naming the file and the limit.
 */
import { ClipError } from './errors';

const MB = 1024 * 1024;

export interface ByteLimit {
  bytes: number;
  /** What the limit is for, in words ("a JSON file"). */
  what: string;
}

/** The configs are a few KB; CLIP's tokenizer.json is 2.2 MB. */
export const JSON_LIMIT = 1 * MB;
export const TOKENIZER_LIMIT = 10 * MB;
/** The largest tower the catalog has is 352 MB (ViT-B/32 fp32); a model outside it gets this much. */
export const ONNX_LIMIT = 1024 * MB;
/** How far an ONNX file may exceed the size the catalog lists (its sizes are approximate for unpinned files). */
export const CATALOG_SLACK = 1.1;

/** The limit for one file of a model; `catalogSize` is the size the catalog lists for it, if any. */
export function fileByteLimit(file: string, catalogSize?: number): ByteLimit {
  const name = file.split('/').pop() ?? file;
  if (name === 'tokenizer.json') return { bytes: TOKENIZER_LIMIT, what: 'a tokenizer' };
  if (name.endsWith('.onnx')) {
    if (catalogSize !== undefined && catalogSize > 0) return { bytes: Math.ceil(catalogSize * CATALOG_SLACK), what: 'this model file (its catalog size + 10%)' };
    return { bytes: ONNX_LIMIT, what: 'an ONNX model file' };
  }
  return { bytes: JSON_LIMIT, what: 'a JSON file' };
}

/** The `limit` error for a file that has (or announces) more bytes than allowed. */
export function overLimit(file: string, limit: ByteLimit, announced: number | null): ClipError {
  const size = announced !== null ? ` (the server announced ${formatMegabytes(announced)})` : '';
  const message = `${file} is larger than the ${formatMegabytes(limit.bytes)} allowed for ${limit.what}${size}: download stopped`;
  return new ClipError({ kind: 'limit', message, file });
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 || Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}
