/**
 * An ONNX file's weights as "external data" that points back into the file's own bytes, so
 * onnxruntime-web copies each weight once, straight into its tensor.
 *
 * Given a whole .onnx file, onnxruntime-web copies it into its WASM heap and parses it there, so
 * while a session is made the heap holds the file twice (the bytes and the parsed protobuf) on top
 * of the tensors: the heap of CLIP ViT-B/32 (8-bit) grew to 279 MB for 152 MB of weights, and a
 * WASM heap never shrinks. Here the file is rewritten without its large `raw_data` fields, each
 * tensor pointing at its bytes' place in the original file (`location`, `offset`, `length`), and
 * the original bytes are handed over as that external file (`externalData` session option): the
 * heap peak is about the weights (177 MB for ViT-B/32), and the results are identical.
 *
 * Only the fields needed are read: ModelProto.graph (7) → GraphProto.initializer (5) →
 * TensorProto.raw_data (9), external_data (13), data_location (14). Everything else is copied
 * byte for byte. A file that is not laid out like that gives null: it is then used whole.
 */

/** The name the weights are mounted under (any relative file name works). */
export const WEIGHTS_FILE = 'weights.bin';

/** Weights smaller than this stay in the graph: not worth a lookup each. */
const MIN_EXTERNAL_BYTES = 1024;

const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const LOCATION_EXTERNAL = 1;
const WIRE_VARINT = 0;
const WIRE_LEN = 2;

export interface ExternalWeights {
  /** The model without its large weights: what onnxruntime parses. */
  graph: Uint8Array;
  /** How many tensors point into the original bytes. */
  tensors: number;
}

interface Field {
  field: number;
  wire: number;
  /** The whole field, tag included. */
  start: number;
  end: number;
  /** The value (for length-delimited fields: the payload). */
  valueStart: number;
  valueEnd: number;
}

/** The model with its weights made external, or null if the file is not a plain ONNX model with inline weights. */
export function externalizeWeights(model: Uint8Array): ExternalWeights | null {
  try {
    const parts: Uint8Array[] = [];
    let tensors = 0;
    let graphs = 0;
    for (const field of fields(model, 0, model.length)) {
      if (field.field !== MODEL_GRAPH || field.wire !== WIRE_LEN) {
        parts.push(model.subarray(field.start, field.end));
        continue;
      }
      graphs++;
      const graph: Uint8Array[] = [];
      for (const entry of fields(model, field.valueStart, field.valueEnd)) {
        if (entry.field !== GRAPH_INITIALIZER || entry.wire !== WIRE_LEN) {
          graph.push(model.subarray(entry.start, entry.end));
          continue;
        }
        const tensor = externalTensor(model, entry);
        if (tensor === 'external') return null; // already external: the file is not whole
        if (tensor.moved) tensors++;
        graph.push(lengthDelimited(GRAPH_INITIALIZER, tensor.bytes));
      }
      parts.push(lengthDelimited(MODEL_GRAPH, concat(graph)));
    }
    return graphs === 1 && tensors > 0 ? { graph: concat(parts), tensors } : null;
  } catch {
    return null; // not protobuf as expected: onnxruntime reads it whole and says what is wrong
  }
}

/** A TensorProto with its raw_data (when large) replaced by a pointer into the original bytes. */
function externalTensor(model: Uint8Array, tensor: Field): { bytes: Uint8Array; moved: boolean } | 'external' {
  const kept: Uint8Array[] = [];
  let raw: Field | null = null;
  for (const field of fields(model, tensor.valueStart, tensor.valueEnd)) {
    if (field.field === TENSOR_DATA_LOCATION || field.field === TENSOR_EXTERNAL_DATA) return 'external';
    if (field.field === TENSOR_RAW_DATA && field.wire === WIRE_LEN && field.valueEnd - field.valueStart >= MIN_EXTERNAL_BYTES) raw = field;
    else kept.push(model.subarray(field.start, field.end));
  }
  if (!raw) return { bytes: model.subarray(tensor.valueStart, tensor.valueEnd), moved: false };
  kept.push(
    externalEntry('location', WEIGHTS_FILE),
    externalEntry('offset', String(raw.valueStart)),
    externalEntry('length', String(raw.valueEnd - raw.valueStart)),
    varintField(TENSOR_DATA_LOCATION, LOCATION_EXTERNAL),
  );
  return { bytes: concat(kept), moved: true };
}

function* fields(bytes: Uint8Array, start: number, end: number): Generator<Field> {
  let position = start;
  while (position < end) {
    const fieldStart = position;
    const [tag, afterTag] = readVarint(bytes, position);
    position = afterTag;
    const wire = tag % 8;
    let valueStart = position;
    if (wire === WIRE_VARINT) position = readVarint(bytes, position)[1];
    else if (wire === 1) position += 8;
    else if (wire === 5) position += 4;
    else if (wire === WIRE_LEN) {
      const [length, afterLength] = readVarint(bytes, position);
      valueStart = afterLength;
      position = afterLength + length;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    if (position > end) throw new Error('truncated protobuf field');
    yield { field: Math.floor(tag / 8), wire, start: fieldStart, end: position, valueStart, valueEnd: position };
  }
}

function readVarint(bytes: Uint8Array, position: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const byte = bytes[position++];
    if (byte === undefined) throw new Error('truncated varint');
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, position];
    scale *= 128;
  }
  throw new Error('varint too long');
}

function varint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value % 128) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

function varintField(field: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(field * 8 + WIRE_VARINT), ...varint(value)]);
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  const head = varint(field * 8 + WIRE_LEN).concat(varint(payload.length));
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

const encoder = new TextEncoder();

/** A StringStringEntryProto (key = 1, value = 2) in TensorProto.external_data. */
function externalEntry(key: string, value: string): Uint8Array {
  return lengthDelimited(TENSOR_EXTERNAL_DATA, concat([lengthDelimited(1, encoder.encode(key)), lengthDelimited(2, encoder.encode(value))]));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
