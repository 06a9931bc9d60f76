import { describe, expect, it } from 'vitest';
import { catalogEntry } from './catalog';
import { BUNDLED_MODEL_ID, DEFAULT_MODEL_ID, HUB_HOST, type ModelSource } from './modelSource';
import { assessLoad, hostTrust, LARGE_DOWNLOAD_BYTES, plannedTowers } from './sourcePolicy';

const PAGE = 'https://clip.school.example/app/?model=x';
const pinned = (id: string) => catalogEntry(id)?.revision ?? 'main';
const source = (id: string, host: string, revision = pinned(id)): ModelSource => ({ id, host, revision });

describe('hostTrust', () => {
  it('trusts the hub and the page’s own origin, compared exactly', () => {
    expect(hostTrust(HUB_HOST, PAGE)).toBe('hub');
    expect(hostTrust('https://huggingface.co/', PAGE)).toBe('hub');
    expect(hostTrust('/models', PAGE)).toBe('same-origin');
    expect(hostTrust('https://clip.school.example/app/models', PAGE)).toBe('same-origin');
  });

  it('treats look-alikes, other ports, other schemes and credentials as foreign', () => {
    for (const host of [
      'https://evilhuggingface.co',
      'https://huggingface.co.evil.example',
      'http://huggingface.co',
      'https://huggingface.co:444',
      'https://user:pw@huggingface.co',
      'https://clip.school.example:8443/models',
      'http://clip.school.example/models',
      'https://example.invalid',
      'ftp://clip.school.example/models',
      'javascript:alert(1)',
    ]) {
      expect(hostTrust(host, PAGE), host).toBe('foreign');
    }
  });
});

describe('assessLoad', () => {
  it('lets catalog models from the hub and the bundled model load without asking', () => {
    const hub = assessLoad({ source: source(DEFAULT_MODEL_ID, HUB_HOST) }, PAGE);
    expect(hub.reasons).toEqual([]);
    expect(hub.pinnedFiles).toBe(10);
    expect(hub.downloadBytes).toBeGreaterThan(100e6);
    const bundled = assessLoad({ source: source(BUNDLED_MODEL_ID, 'https://clip.school.example/app/models') }, PAGE);
    expect(bundled.reasons).toEqual([]);
    expect(bundled.hostLabel).toBe('this app');
  });

  it('asks before any other host, naming it', () => {
    const foreign = assessLoad({ source: source(DEFAULT_MODEL_ID, 'https://example.invalid/models') }, PAGE);
    expect(foreign.reasons).toEqual(['foreign-host']);
    expect(foreign.hostLabel).toBe('https://example.invalid');
    // The files would still be checked: the pins hold whoever serves them.
    expect(foreign.pinnedFiles).toBe(10);
  });

  it('asks when a revision switches the SHA-256 checks off', () => {
    const main = assessLoad({ source: source(DEFAULT_MODEL_ID, HUB_HOST, 'main') }, PAGE);
    expect(main.reasons).toEqual(['unpinned-revision']);
    expect(main.pinnedFiles).toBe(0);
  });

  it('asks for a hub repository the catalog does not know (unknown size), not for one on the app’s own server', () => {
    const unknown = assessLoad({ source: source('someone/huge-model', HUB_HOST, 'main') }, PAGE);
    expect(unknown.reasons).toEqual(['unknown-model']);
    expect(unknown.downloadBytes).toBeNull();
    expect(assessLoad({ source: source('lecture/own-model', '/models', 'main') }, PAGE).reasons).toEqual([]);
  });

  it('asks for an explicit precision over the threshold, not for the automatic choice', () => {
    const fp32 = assessLoad({ source: source(DEFAULT_MODEL_ID, HUB_HOST), precision: 'fp32' }, PAGE);
    expect(fp32.reasons).toEqual(['large-download']);
    expect(fp32.downloadBytes).toBeGreaterThan(600e6);
    expect(assessLoad({ source: source(DEFAULT_MODEL_ID, HUB_HOST), precision: 'q8' }, PAGE).reasons).toEqual([]);
    expect(assessLoad({ source: source(DEFAULT_MODEL_ID, HUB_HOST), precision: 'auto' }, PAGE).reasons).toEqual([]);
  });

  it('keeps every automatic catalog download under the threshold', () => {
    for (const id of [DEFAULT_MODEL_ID, 'Xenova/clip-vit-base-patch16', 'Xenova/mobileclip_s0', 'Xenova/mobileclip_s2']) {
      expect(assessLoad({ source: source(id, HUB_HOST) }, PAGE).downloadBytes ?? 0, id).toBeLessThan(LARGE_DOWNLOAD_BYTES);
    }
  });

  it('gives one consent key per host, model, revision and precision', () => {
    const a = assessLoad({ source: source(DEFAULT_MODEL_ID, 'https://example.invalid/a') }, PAGE).key;
    expect(assessLoad({ source: source(DEFAULT_MODEL_ID, 'https://example.invalid/b') }, PAGE).key).toBe(a);
    expect(assessLoad({ source: source(DEFAULT_MODEL_ID, 'https://example.invalid/a'), precision: 'fp16' }, PAGE).key).not.toBe(a);
  });
});

describe('plannedTowers', () => {
  it('uses the catalog’s WASM choice unless a precision is forced', () => {
    expect(plannedTowers('Xenova/mobileclip_s0', 'auto')).toEqual({ vision: 'fp32', text: 'q8' });
    expect(plannedTowers('Xenova/mobileclip_s0', 'fp16')).toEqual({ vision: 'fp16', text: 'fp16' });
  });
});
