/// <reference types="node" />
/**
 * The tokenizer against the original CLIP tokenizer's ids (../shared/clip-reference), with both
 * merge formats a tokenizer.json can carry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingReferenceData } from './testing/referenceData';
import { checkTokenizerPatterns, ClipTokenizer } from './tokenizer';

// The reference data lives next to the repository (../shared/clip-reference from the repo root).
const REFERENCE_DIR = fileURLToPath(new URL('../../../shared/clip-reference/', import.meta.url));
const hasReference = existsSync(join(REFERENCE_DIR, 'tokenizer-cases.json'));
const missing = hasReference ? null : missingReferenceData(REFERENCE_DIR, process.env.CI);
if (missing) console.warn(`CLIP tokenizer tests: ${missing.message}`);

interface Cases {
  context_length: number;
  start_token: number;
  end_token: number;
  cases: { text: string; ids: number[] }[];
}

const readJson = <T,>(name: string): T => JSON.parse(readFileSync(join(REFERENCE_DIR, name), 'utf8')) as T;

describe.skipIf(missing?.skip === true)('ClipTokenizer', () => {
  it('finds the reference data', () => {
    expect(hasReference, missing?.message).toBe(true);
  });

  const reference = hasReference ? readJson<Cases>('tokenizer-cases.json') : { context_length: 77, start_token: 0, end_token: 0, cases: [] };
  const config = hasReference ? readJson<Record<string, unknown>>('tokenizer_config.json') : {};

  describe.each(['tokenizer.json', 'tokenizer.legacy-merges.json'])('built from %s', (file) => {
    const json = hasReference ? readJson<Record<string, unknown>>(file) : {};
    const tokenizer = hasReference ? ClipTokenizer.fromJson(json, config, reference.context_length) : (null as unknown as ClipTokenizer);

    it('takes the special tokens from the files', () => {
      expect(tokenizer.startId).toBe(reference.start_token);
      expect(tokenizer.endId).toBe(reference.end_token);
      expect(tokenizer.padId).toBe(reference.end_token); // pad_token is <|endoftext|> in tokenizer_config.json
      expect(tokenizer.contextLength).toBe(77);
    });

    it.each(reference.cases.map((c) => [JSON.stringify(c.text).slice(0, 60), c] as const))('encodes %s like the original CLIP', (_, c) => {
      const { ids, truncated } = tokenizer.encode(c.text);
      expect(ids).toEqual(c.ids);
      // Every reference case shorter than the context fitted; a full-length one is the truncated long text.
      if (c.ids.length < reference.context_length) expect(truncated).toBe(false);
      else expect(ids[ids.length - 1]).toBe(reference.end_token);
    });

    it('flags truncation exactly when text tokens are dropped', () => {
      // "a" is one token: 75 of them fill the 77 positions with start and end; 76 do not fit.
      const fits = tokenizer.encode(Array(75).fill('a').join(' '));
      expect(fits.ids.length).toBe(77);
      expect(fits.truncated).toBe(false);
      const over = tokenizer.encode(Array(76).fill('a').join(' '));
      expect(over.ids.length).toBe(77);
      expect(over.truncated).toBe(true);
      expect(over.ids[0]).toBe(reference.start_token);
      expect(over.ids[76]).toBe(reference.end_token);
      const long = reference.cases.find((c) => c.ids.length === reference.context_length);
      expect(long && tokenizer.encode(long.text).truncated).toBe(true);
    });

    it('pads a batch to its longest row with the pad token', () => {
      const texts = ['a photo of a cat.', '', 'A Diagram'];
      const batch = tokenizer.encodeBatch(texts);
      const expected = texts.map((text) => reference.cases.find((c) => c.text === text)!.ids);
      expect(batch.batchSize).toBe(3);
      expect(batch.sequenceLength).toBe(8);
      expect(batch.lengths).toEqual([8, 2, 4]);
      expect(batch.truncated).toEqual([false, false, false]);
      expect(batch.inputIds).toBeInstanceOf(BigInt64Array);
      const rows = expected.map((ids) => [...ids, ...new Array<number>(8 - ids.length).fill(tokenizer.padId)].map(BigInt));
      expect(Array.from(batch.inputIds)).toEqual(rows.flat());

      const long = tokenizer.encodeBatch([Array(100).fill('a').join(' '), 'a']);
      expect(long.sequenceLength).toBe(77);
      expect(long.truncated).toEqual([true, false]);
      expect(long.lengths).toEqual([77, 3]);
      expect(tokenizer.encodeBatch([])).toMatchObject({ batchSize: 0, sequenceLength: 0, lengths: [] });
    });
  });

  describe('special tokens', () => {
    const json = hasReference ? readJson<Record<string, unknown>>('tokenizer.json') : {};

    it('uses the pad token named in tokenizer_config.json (OpenCLIP exports pad with "!")', () => {
      const tokenizer = ClipTokenizer.fromJson(json, { ...config, pad_token: '!' });
      expect(tokenizer.padId).toBe(0);
      const batch = tokenizer.encodeBatch(['a photo of a cat.', 'a']);
      expect(Array.from(batch.inputIds.subarray(8))).toEqual([49406n, 320n, 49407n, 0n, 0n, 0n, 0n, 0n]);
    });

    it('reads AddedToken objects and falls back to the post-processor without a config', () => {
      const fromObjects = ClipTokenizer.fromJson(json, { bos_token: { content: '<|startoftext|>' }, eos_token: { content: '<|endoftext|>' } });
      expect([fromObjects.startId, fromObjects.endId, fromObjects.padId]).toEqual([49406, 49407, 49407]);
      const noConfig = ClipTokenizer.fromJson(json);
      expect([noConfig.startId, noConfig.endId, noConfig.padId]).toEqual([49406, 49407, 49407]);
    });

    it('honours a shorter context length', () => {
      const tokenizer = ClipTokenizer.fromJson(json, config, 5);
      expect(tokenizer.encode('a photo of a cat.')).toEqual({ ids: [49406, 320, 1125, 539, 49407], truncated: true });
      expect(() => ClipTokenizer.fromJson(json, config, 1)).toThrow(/context length/);
    });
  });
});

describe('tokenizer pattern guard', () => {
  const reference = JSON.parse(readFileSync(new URL('../../public/models/clip-shapes-tiny/tokenizer.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  it("accepts CLIP's tokenizer patterns (the bundled model's)", () => {
    expect(() => checkTokenizerPatterns(reference)).not.toThrow();
  });
  it('refuses any other pattern, wherever it is, naming it', () => {
    const evil = structuredClone(reference) as { normalizer: { normalizers: { pattern?: { Regex: string } }[] } };
    const replace = evil.normalizer.normalizers.find((n) => n.pattern);
    if (replace?.pattern) replace.pattern.Regex = '(x+x+)+y';
    expect(() => checkTokenizerPatterns(evil as unknown as Record<string, unknown>)).toThrow(/"\(x\+x\+\)\+y", which is not one of the known/);
    expect(() => checkTokenizerPatterns({ model: {}, decoder: { type: 'Replace', pattern: { Regex: '.*' } } })).toThrow(/known CLIP tokenizer patterns/);
  });
});
