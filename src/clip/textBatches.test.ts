/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMAGENET_LABELS } from './presets/imagenet';
import { missingReferenceData } from './testing/referenceData';
import { planTextBatches, plannedTokens } from './textBatches';
import { ClipTokenizer } from './tokenizer';

// The CLIP tokenizer comes from the reference data next to the repository (see tokenizer.test.ts).
const REFERENCE = new URL('../../../shared/clip-reference/', import.meta.url);
const hasReference = existsSync(new URL('tokenizer.json', REFERENCE));
const missing = hasReference ? null : missingReferenceData(fileURLToPath(REFERENCE), process.env.CI);
if (missing) console.warn(`Text batch planning on the ImageNet preset: ${missing.message}`);

function readJsonObject(name: string): object {
  const json: unknown = JSON.parse(readFileSync(new URL(name, REFERENCE), 'utf8'));
  if (typeof json !== 'object' || json === null) throw new Error(`${name}: expected a JSON object`);
  return json;
}

describe('planTextBatches', () => {
  it('uses every prompt once, shortest first, never more than the batch size', () => {
    const lengths = [9, 3, 9, 5, 3, 12, 5, 9];
    const batches = planTextBatches(lengths, 2);
    expect(batches.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 2]);
    expect(plannedTokens(lengths, batches)).toBe(2 * (3 + 5 + 9 + 12));
    const flat = batches.flat().map((i) => lengths[i]!);
    expect(flat).toEqual([...flat].sort((a, b) => a - b));
  });

  it.skipIf(missing?.skip === true)('computes far less padding than slices in list order for the ImageNet preset', () => {
    expect(hasReference, missing?.message).toBe(true);
    const tokenizer = ClipTokenizer.fromJson(readJsonObject('tokenizer.json'), readJsonObject('tokenizer_config.json'), 77);
    const lengths = IMAGENET_LABELS.map((label) => tokenizer.encode(`a photo of a ${label}.`).ids.length);
    const real = lengths.reduce((a, b) => a + b, 0);
    const inOrder = Array.from({ length: Math.ceil(lengths.length / 64) }, (_, i) => Array.from({ length: Math.min(64, lengths.length - i * 64) }, (_, j) => i * 64 + j));
    const planned = plannedTokens(lengths, planTextBatches(lengths, 64));
    expect(planned).toBeLessThan(real * 1.05);
    expect(planned).toBeLessThan(plannedTokens(lengths, inOrder) * 0.75);
  });
});
