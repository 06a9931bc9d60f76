import { describe, expect, it } from 'vitest';
import { confusionMatrix, domainAccuracy, formatCount, NO_DOMAIN, perClassAccuracy, topAccuracy } from './metrics';
import { csvField, predictionsCsv, summaryJson } from './exportFiles';
import type { EvalRow } from './evaluationSet';

const LABELS = ['cat', 'dog', 'bird'];
function row(id: number, truth: string, predicted: string, domain: string | null, top5 = true): EvalRow {
  return {
    id,
    name: `${id}.png`,
    url: null,
    domain,
    truth,
    truthFrom: 'folder',
    embedding: new Float32Array(2),
    ranking: [{ label: predicted, probability: 0.9, cosine: 0.3 }],
    predicted,
    correct: truth === predicted,
    inTop5: top5 || truth === predicted,
  };
}
const rows = [row(1, 'cat', 'cat', 'photo'), row(2, 'cat', 'dog', 'sketch', false), row(3, 'dog', 'dog', 'photo'), row(4, 'dog', 'dog', null), row(5, 'cat', 'cat', 'sketch')];

describe('evaluation figures', () => {
  it('top-1 and top-5 with counts', () => {
    expect(topAccuracy(rows)).toEqual({ top1: { correct: 4, total: 5 }, top5: { correct: 4, total: 5 } });
    expect(formatCount({ correct: 37, total: 48 })).toBe('37 / 48 · 77%');
    expect(formatCount({ correct: 0, total: 0 })).toBe('–');
  });

  it('per class, in label order, classes without images left out', () => {
    expect(perClassAccuracy(rows, LABELS)).toEqual([
      { label: 'cat', correct: 2, total: 3 },
      { label: 'dog', correct: 2, total: 2 },
    ]);
  });

  it('the confusion matrix counts true × predicted over the classes that occur', () => {
    expect(confusionMatrix(rows, LABELS)).toEqual({ classes: ['cat', 'dog'], counts: [[2, 1], [0, 2]] });
    // A class only ever predicted still gets its column (and row).
    expect(confusionMatrix([row(1, 'cat', 'bird', null)], LABELS)).toEqual({ classes: ['cat', 'bird'], counts: [[0, 1], [0, 0]] });
  });

  it('per domain, images without one grouped together', () => {
    expect(domainAccuracy(rows)).toEqual([
      { domain: 'photo', correct: 2, total: 2 },
      { domain: 'sketch', correct: 1, total: 2 },
      { domain: NO_DOMAIN, correct: 1, total: 1 },
    ]);
  });
});

describe('exports', () => {
  it('CSV fields are quoted and cannot start a spreadsheet formula', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
  });

  it('one CSV line per image, with the probe column when there is a probe', () => {
    const csv = predictionsCsv(rows, new Map([[1, 'cat'], [2, 'cat']]));
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('file,domain,true_label,true_label_from,predicted,probability,correct,in_top5,top5,probe_predicted,probe_correct');
    expect(lines[2]).toBe('2.png,sketch,cat,folder,dog,0.9000,false,false,dog,cat,true');
    expect(lines[4]).toBe('4.png,,dog,folder,dog,0.9000,true,true,dog,,');
  });

  it('the JSON summary holds the same figures', () => {
    const summary = JSON.parse(summaryJson(rows, { modelId: 'm', labels: LABELS, template: 'a photo of a {}.', ensemble: false, prompts: null, curves: null, shift: null })) as Record<string, unknown>;
    expect(summary.top1).toEqual({ correct: 4, total: 5, accuracy: 0.8 });
    expect(summary.confusion).toEqual({ classes: ['cat', 'dog'], counts: [[2, 1], [0, 2]] });
    expect(summary.images).toBe(5);
  });
});
