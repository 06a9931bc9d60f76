/** The evaluation as files: CSV of per-image predictions, JSON of the summary. Pure; tested. */
import type { EvalRow } from './evaluationSet';
import { confusionMatrix, domainAccuracy, perClassAccuracy, ratio, topAccuracy } from './metrics';
import type { PromptResult } from './labStore';
import type { KShotCurve, ShiftResult } from '../../clip/probe';

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function predictionsCsv(rows: readonly EvalRow[], probePredictions?: ReadonlyMap<number, string>): string {
  const head = ['file', 'domain', 'true_label', 'true_label_from', 'predicted', 'probability', 'correct', 'in_top5', 'top5', ...(probePredictions ? ['probe_predicted', 'probe_correct'] : [])];
  const lines = [head.join(',')];
  for (const r of rows) {
    const probe = probePredictions?.get(r.id) ?? null;
    lines.push(
      [
        r.name,
        r.domain,
        r.truth,
        r.truthFrom,
        r.predicted,
        r.ranking[0]?.probability.toFixed(4) ?? null,
        r.correct,
        r.inTop5,
        r.ranking.map((s) => s.label).join(' | '),
        ...(probePredictions ? [probe, probe === null ? null : probe === r.truth] : []),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export interface SummaryExtras {
  modelId: string | null;
  labels: readonly string[];
  template: string;
  ensemble: boolean;
  prompts: PromptResult[] | null;
  curves: KShotCurve[] | null;
  shift: ShiftResult | null;
}

export function summaryJson(rows: readonly EvalRow[], extras: SummaryExtras): string {
  const { top1, top5 } = topAccuracy(rows);
  return JSON.stringify(
    {
      model: extras.modelId,
      labels: extras.labels,
      template: extras.ensemble ? null : extras.template,
      ensemble: extras.ensemble,
      images: rows.length,
      top1: { ...top1, accuracy: ratio(top1) },
      top5: { ...top5, accuracy: ratio(top5) },
      perClass: perClassAccuracy(rows, extras.labels).map((c) => ({ ...c, accuracy: ratio(c) })),
      confusion: confusionMatrix(rows, extras.labels),
      domains: domainAccuracy(rows).map((d) => ({ ...d, accuracy: ratio(d) })),
      prompts: extras.prompts?.map((p) => ({ strategy: p.strategy.name, templates: p.strategy.templates.length, prompts: p.prompts, correct: p.correct, total: p.total })) ?? null,
      kShot: extras.curves,
      shift: extras.shift,
    },
    null,
    2,
  );
}

/** Saves text as a file through a temporary link (no server involved). */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
