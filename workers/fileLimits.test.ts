/** Byte limits per file, enforced while the bytes arrive, into one buffer. */
import { describe, expect, it } from 'vitest';
import { ByteSink } from './byteSink';
import { ClipError } from './errors';
import { fileByteLimit, JSON_LIMIT, ONNX_LIMIT, TOKENIZER_LIMIT } from './fileLimits';

const MB = 1024 * 1024;

function thrown(fn: () => void): ClipError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ClipError);
    return error as ClipError;
  }
  throw new Error('did not throw');
}

describe('fileByteLimit', () => {
  it('allows 1 MB for JSON, 10 MB for the tokenizer, 1.1 × the catalog size or 1 GB for ONNX', () => {
    expect(fileByteLimit('config.json').bytes).toBe(JSON_LIMIT);
    expect(fileByteLimit('preprocessor_config.json').bytes).toBe(1 * MB);
    expect(fileByteLimit('tokenizer.json').bytes).toBe(TOKENIZER_LIMIT);
    expect(TOKENIZER_LIMIT).toBe(10 * MB);
    expect(fileByteLimit('onnx/vision_model_quantized.onnx', 89_117_001).bytes).toBe(Math.ceil(89_117_001 * 1.1));
    expect(fileByteLimit('onnx/text_model.onnx').bytes).toBe(ONNX_LIMIT);
    expect(ONNX_LIMIT).toBe(1024 * MB);
  });
});

describe('ByteSink', () => {
  const chunk = (n: number, value = 1) => new Uint8Array(n).fill(value);

  it('refuses a file whose announced size is over the limit before any byte arrives', () => {
    const sink = new ByteSink('config.json', fileByteLimit('config.json'));
    const error = thrown(() => sink.expect(300 * MB));
    expect(error.toData()).toEqual({
      kind: 'limit',
      file: 'config.json',
      message: 'config.json is larger than the 1 MB allowed for a JSON file (the server announced 300 MB): download stopped',
    });
  });

  it('stops a file without a length as soon as it passes the limit', () => {
    const sink = new ByteSink('config.json', { bytes: 1000, what: 'a JSON file' });
    sink.append(chunk(600));
    sink.append(chunk(400));
    const error = thrown(() => sink.append(chunk(1)));
    expect(error).toMatchObject({ kind: 'limit', file: 'config.json' });
    expect(sink.loaded).toBe(1000);
  });

  it('fails a file that grows past its pinned size at once, as an integrity error', () => {
    const sink = new ByteSink('onnx/x.onnx', { bytes: 1e6, what: 'x' }, 100);
    sink.append(chunk(60));
    expect(thrown(() => sink.append(chunk(41)))).toMatchObject({ kind: 'integrity', file: 'onnx/x.onnx' });
    expect(thrown(() => new ByteSink('onnx/x.onnx', { bytes: 1e6, what: 'x' }, 100).expect(101)).message).toContain('has the wrong size');
  });

  it('holds a known length in one buffer, returned without a copy', () => {
    const sink = new ByteSink('a.onnx', { bytes: 1e6, what: 'x' });
    sink.expect(300);
    sink.append(chunk(100, 1));
    sink.append(chunk(200, 2));
    const bytes = sink.bytes();
    expect(bytes.byteLength).toBe(300);
    expect(bytes.buffer.byteLength).toBe(300); // the one allocation, exactly sized
    expect([bytes[0], bytes[99], bytes[100], bytes[299]]).toEqual([1, 1, 2, 2]);
  });

  it('grows by doubling when the length is unknown, and starts over when asked', () => {
    const sink = new ByteSink('a.json', { bytes: 1e6, what: 'x' });
    for (let i = 0; i < 10; i++) sink.append(chunk(10_000, i));
    expect(sink.loaded).toBe(100_000);
    const bytes = sink.bytes();
    expect(bytes[99_999]).toBe(9);
    expect(bytes.buffer.byteLength).toBeLessThan(2 * 100_000 + 64 * 1024);
    sink.reset();
    sink.append(chunk(5, 7));
    expect(Array.from(sink.bytes())).toEqual([7, 7, 7, 7, 7]);
  });
});
