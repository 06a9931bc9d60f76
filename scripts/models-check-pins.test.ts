/// <reference types="node" />
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { catalogEntry } from '../src/clip/catalog';
import { pinProblems, type FilePin, type HubRevisionInfo } from './models-check-pins';

const model = catalogEntry('Xenova/clip-vit-base-patch32')!;

/** What the hub's API would say if the catalog's pins are right: ONNX files in LFS, JSON files hashed. */
function agreeingHub(): { info: HubRevisionInfo; hashed: Record<string, FilePin> } {
  const pins = Object.entries(model.integrity!);
  return {
    info: {
      sha: model.revision,
      siblings: pins.map(([file, pin]) => (file.endsWith('.onnx') ? { rfilename: file, size: pin.size, lfs: { ...pin } } : { rfilename: file, size: pin.size })),
    },
    hashed: Object.fromEntries(pins.filter(([file]) => !file.endsWith('.onnx'))),
  };
}

describe('pinProblems', () => {
  it('finds nothing when the hub agrees with every pin', () => {
    const { info, hashed } = agreeingHub();
    expect(pinProblems(model, info, hashed)).toEqual([]);
  });

  it('names a changed LFS file, a changed small file, a missing file and another revision', () => {
    const { info, hashed } = agreeingHub();
    info.sha = '0'.repeat(40);
    const vision = info.siblings.find((s) => s.rfilename === 'onnx/vision_model_quantized.onnx')!;
    vision.lfs = { size: vision.lfs!.size, sha256: 'f'.repeat(64) };
    info.siblings = info.siblings.filter((s) => s.rfilename !== 'onnx/text_model_fp16.onnx');
    hashed['tokenizer.json'] = { size: 1, sha256: hashed['tokenizer.json']!.sha256 };
    const problems = pinProblems(model, info, hashed);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^revision: catalog d15189d7/);
    expect(problems.join('\n')).toMatch(/onnx\/vision_model_quantized\.onnx: catalog 89117001 B 583fd111.*hub 89117001 B f{64}/);
    expect(problems.join('\n')).toMatch(/onnx\/text_model_fp16\.onnx: not in the repository/);
    expect(problems.join('\n')).toMatch(/tokenizer\.json: catalog 2224119 B .* hub 1 B/);
  });

  it('says when a small file could not be hashed', () => {
    const { info } = agreeingHub();
    expect(pinProblems(model, info, {})).toContain('config.json: no SHA-256 to compare');
  });
});

describe('models:check-pins', () => {
  it('says that --host needs a URL when it is the last argument, before asking any host', async () => {
    const failure = await promisify(execFile)('npx', ['tsx', 'scripts/models-check-pins.ts', '--host']).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('Error: --host needs a URL');
  });
});
