import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_ID, DEFAULT_MODEL_ID, HUB_HOST } from '../../clip/modelSource';
import { CIFAR10_LABELS, IMAGENET_LABELS } from '../../clip/presets';
import { DEFAULT_TEMPLATE } from '../labels/labels';
import { EMPTY_SETUP, readAppParams, readSetup, resolveLabels, shareableSetup, writeSetup, type SharedSetup } from './urlParams';

function setup(overrides: Partial<SharedSetup>): SharedSetup {
  return { ...EMPTY_SETUP, ...overrides };
}

/** Through a real URL string, as a shared link or QR code would carry it. */
function viaUrl(params: URLSearchParams): URLSearchParams {
  return new URL(`https://example.org/app/?${params.toString()}#top`).searchParams;
}

describe('readSetup', () => {
  it('gives the empty setup for a URL without setup parameters', () => {
    expect(readSetup(new URLSearchParams('debug=1'))).toEqual(EMPTY_SETUP);
  });

  it('reads every parameter, trimming ids and cleaning labels as the editor does', () => {
    const params = new URLSearchParams();
    params.set('labels', ' cat \n\ndog\ncat\n');
    params.set('template', 'a sketch of a {}.');
    params.set('preset', ' fruit ');
    params.set('ensemble', '1');
    params.set('model', 'Xenova/clip-vit-base-patch16');
    params.set('host', '/models');
    params.set('backend', 'wasm');
    expect(readSetup(params)).toEqual({
      labels: ['cat', 'dog'],
      template: 'a sketch of a {}.',
      preset: 'fruit',
      ensemble: true,
      model: 'Xenova/clip-vit-base-patch16',
      host: '/models',
      backend: 'wasm',
      revision: null,
      precision: null,
      view: null,
    });
  });

  it('joins repeated labels parameters and treats empty ones as absent', () => {
    expect(readSetup(new URLSearchParams('labels=cat&labels=dog')).labels).toEqual(['cat', 'dog']);
    expect(readSetup(new URLSearchParams('labels=&preset=&model=%20')).labels).toBeNull();
    expect(readSetup(new URLSearchParams('labels=&preset=&model=%20'))).toEqual(EMPTY_SETUP);
  });

  it('reads ensemble as on for 1/true/yes/on or no value, off otherwise', () => {
    for (const on of ['ensemble', 'ensemble=1', 'ensemble=true', 'ensemble=YES', 'ensemble=on']) {
      expect(readSetup(new URLSearchParams(on)).ensemble, on).toBe(true);
    }
    for (const off of ['', 'ensemble=0', 'ensemble=false', 'ensemble=no']) {
      expect(readSetup(new URLSearchParams(off)).ensemble, off).toBe(false);
    }
  });
});

describe('writeSetup', () => {
  it('round-trips labels with separators, URL syntax, unicode and emoji', () => {
    const labels = [
      'red, green and blue',
      'salt & pepper',
      'C# code',
      '100% cotton | wool',
      'a=b?c/d',
      'plus+sign',
      'café crème',
      '日本の猫',
      '🐱 cat 🐶',
      'tab\tinside',
    ];
    const written = writeSetup(setup({ labels }));
    expect([...written.keys()]).toEqual(['labels']);
    expect(readSetup(viaUrl(written)).labels).toEqual(labels.map((label) => label.replace(/\s+/g, ' ')));
  });

  it('turns a newline inside a label into a space instead of splitting it', () => {
    const written = writeSetup(setup({ labels: ['two\nlines', 'crlf\r\nhere', 'plain'] }));
    expect(readSetup(viaUrl(written)).labels).toEqual(['two lines', 'crlf here', 'plain']);
  });

  it('round-trips a whole non-default setup', () => {
    const full = setup({
      labels: ['a, b', 'c & d'],
      template: 'a {} & a {}, #1',
      preset: null,
      ensemble: true,
      model: BUNDLED_MODEL_ID,
      host: 'https://lecture.example/models',
      backend: 'webgpu',
    });
    expect(readSetup(viaUrl(writeSetup(full)))).toEqual(full);
  });

  it('leaves out defaults and nulls', () => {
    const defaults = setup({ template: DEFAULT_TEMPLATE, model: DEFAULT_MODEL_ID, host: HUB_HOST, backend: 'auto', labels: [] });
    expect(writeSetup(defaults).toString()).toBe('');
    expect(writeSetup(EMPTY_SETUP).toString()).toBe('');
  });

  it('keeps the hub host for the bundled model, whose default host is the app itself', () => {
    expect(writeSetup(setup({ model: BUNDLED_MODEL_ID, host: HUB_HOST })).get('host')).toBe(HUB_HOST);
  });

  it('keeps unrelated parameters in place, replaces its own, and does not modify base', () => {
    const base = new URLSearchParams('debug=1&labels=old&threads=2&ensemble=1&foo=bar');
    const written = writeSetup(setup({ labels: ['new'], backend: 'wasm' }), base);
    expect(written.toString()).toBe('debug=1&threads=2&foo=bar&labels=new&backend=wasm');
    expect(base.toString()).toBe('debug=1&labels=old&threads=2&ensemble=1&foo=bar');
  });

  it('writes an unedited preset as its id only', () => {
    expect(writeSetup(setup({ preset: 'cifar10', labels: [...CIFAR10_LABELS] })).toString()).toBe('preset=cifar10');
    expect(writeSetup(setup({ preset: 'cifar10' })).toString()).toBe('preset=cifar10');
    // ImageNet lists two names twice; the editor keeps them once, which is still unedited.
    const imagenetAsEdited = [...new Set(IMAGENET_LABELS)];
    expect(imagenetAsEdited).toHaveLength(998);
    expect(writeSetup(setup({ preset: 'imagenet', labels: imagenetAsEdited })).toString()).toBe('preset=imagenet');
  });

  it('writes edited preset labels in full, keeping the preset id, and labels win on reading', () => {
    const edited = [...CIFAR10_LABELS.slice(0, 9), 'lorry'];
    const read = readSetup(viaUrl(writeSetup(setup({ preset: 'cifar10', labels: edited }))));
    expect(read.preset).toBe('cifar10');
    expect(read.labels).toEqual(edited);
    expect(resolveLabels(read)).toEqual(edited);
  });

  it('writes labels in full for a preset id it does not know', () => {
    const written = writeSetup(setup({ preset: 'gone', labels: ['x'] }));
    expect(written.toString()).toBe('preset=gone&labels=x');
  });

  it('asks the given lookup whether labels are a preset', () => {
    const lookup = (id: string) => (id === 'abc' ? ['a', 'b', 'c'] : undefined);
    expect(writeSetup(setup({ preset: 'abc', labels: ['a', 'b', 'c'] }), undefined, lookup).toString()).toBe('preset=abc');
    expect(writeSetup(setup({ preset: 'abc', labels: ['a', 'c', 'b'] }), undefined, lookup).get('labels')).toBe('a\nc\nb');
  });
});

describe('resolveLabels', () => {
  it("prefers the setup's labels, then its preset's (each once), else null", () => {
    expect(resolveLabels(setup({ labels: ['x'], preset: 'cifar10' }))).toEqual(['x']);
    expect(resolveLabels(setup({ preset: 'cifar10' }))).toEqual([...CIFAR10_LABELS]);
    expect(resolveLabels(setup({ preset: 'imagenet' }))).toHaveLength(998);
    expect(resolveLabels(setup({ preset: 'gone' }))).toBeNull();
    expect(resolveLabels(EMPTY_SETUP)).toBeNull();
  });
});

describe('shareableSetup', () => {
  const page = 'https://clip.school.example/app/';
  const base = { ...EMPTY_SETUP, labels: ['cat'] };
  it('leaves a foreign host out of shared links, and a model that only exists there', () => {
    expect(shareableSetup({ ...base, model: DEFAULT_MODEL_ID, host: 'https://evilhuggingface.co' }, page)).toMatchObject({ model: DEFAULT_MODEL_ID, host: null });
    expect(shareableSetup({ ...base, model: 'evil/model', host: 'https://example.invalid', revision: 'x' }, page)).toMatchObject({ model: null, host: null, revision: null });
  });
  it('keeps the hub and the page’s own origin', () => {
    expect(shareableSetup({ ...base, model: 'a/b', host: '/models' }, page).host).toBe('/models');
    expect(shareableSetup({ ...base, model: 'a/b', host: 'https://clip.school.example/models' }, page).host).toBe('https://clip.school.example/models');
    expect(shareableSetup({ ...base, model: 'a/b', host: HUB_HOST }, page).host).toBe(HUB_HOST);
  });
});

describe('readAppParams threads', () => {
  const threads = (query: string, cores: number) => readAppParams(new URLSearchParams(query), 'http://app.test/models', cores).threads;
  it('caps ?threads at the number of cores: ?threads=32 does not start 32 workers', () => {
    expect(threads('threads=32', 2)).toBe(2);
    expect(threads('threads=32', 8)).toBe(8);
    expect(threads('threads=1', 8)).toBe(1);
  });
  it('ignores values that are not a positive whole number', () => {
    for (const value of ['0', '-3', '1.5', 'abc', '', '1e9x']) expect(threads(`threads=${value}`, 4), value).toBeNull();
    expect(threads('', 4)).toBeNull();
  });
});

describe('readSetup limits', () => {
  it('cuts a link with 300 000 labels and a 100 kB template, and says so', () => {
    const params = new URLSearchParams();
    params.set('labels', Array.from({ length: 300_000 }, (_, i) => `l${i}`).join('\n'));
    params.set('template', '{}'.repeat(50_000));
    const read = readSetup(params);
    expect(read.labels).toHaveLength(2000);
    expect(read.template).toHaveLength(300);
    expect(read.limits).toEqual([
      { kind: 'too-many-labels', count: 300_000 },
      { kind: 'long-template', length: 100_000 },
    ]);
  });
  it('reports nothing for an ordinary link', () => {
    expect(readSetup(new URLSearchParams('labels=cat%0Adog&template=a+{}')).limits).toBeUndefined();
  });
});
