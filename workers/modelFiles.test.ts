/// <reference types="node" />
/** Reading a model's configs: optional files, broken files and failed downloads, decided on `kind`. */
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClipError } from './errors';
import { fetchConfigs } from './modelFiles';
import { BUNDLED_MODEL_DIR, diskModelFiles } from './testing/nodeModel';

let copies: string[] = [];
afterEach(() => {
  copies.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  copies = [];
});

/** A copy of the bundled model's configs to break. */
function modelCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clip-model-'));
  copies.push(dir);
  for (const file of ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json']) cpSync(join(BUNDLED_MODEL_DIR, file), join(dir, file));
  return dir;
}

describe('fetchConfigs', () => {
  it("reads the bundled model's configs", async () => {
    const configs = await fetchConfigs(diskModelFiles());
    expect(configs.config.projection_dim).toBe(64);
    expect(configs.tokenizerConfig).toMatchObject({ eos_token: '<|endoftext|>' });
  });

  it('goes on without tokenizer_config.json when the server has none (404)', async () => {
    const dir = modelCopy();
    unlinkSync(join(dir, 'tokenizer_config.json'));
    const configs = await fetchConfigs(diskModelFiles(dir));
    expect(configs.tokenizerConfig).toBeUndefined();
  });

  it('fails on a missing required file with the download error', async () => {
    const dir = modelCopy();
    unlinkSync(join(dir, 'preprocessor_config.json'));
    await expect(fetchConfigs(diskModelFiles(dir))).rejects.toMatchObject({ kind: 'http', status: 404, file: 'preprocessor_config.json' });
  });

  it('reports invalid JSON as an invalid model naming the file', async () => {
    const dir = modelCopy();
    writeFileSync(join(dir, 'config.json'), '{"projection_dim": 64,');
    const error = await fetchConfigs(diskModelFiles(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipError);
    expect(error).toMatchObject({ kind: 'invalid-model', file: 'config.json' });
    expect((error as ClipError).message).toMatch(/^config.json is not valid JSON \(/);
  });

  it('reports JSON that is not an object as an invalid model', async () => {
    const dir = modelCopy();
    writeFileSync(join(dir, 'tokenizer.json'), '[1, 2]');
    await expect(fetchConfigs(diskModelFiles(dir))).rejects.toMatchObject({ kind: 'invalid-model', file: 'tokenizer.json' });
  });
});
