/** The evaluation's figures from evaluated rows: pure functions, unit-tested, recomputed by the e2e tests from the cards. */
import type { EvalRow } from './evaluationSet';

export interface Count {
  correct: number;
  total: number;
}

export function ratio({ correct, total }: Count): number | null {
  return total === 0 ? null : correct / total;
}

export function topAccuracy(rows: readonly Pick<EvalRow, 'correct' | 'inTop5'>[]): { top1: Count; top5: Count } {
  return {
    top1: { correct: rows.filter((r) => r.correct).length, total: rows.length },
    top5: { correct: rows.filter((r) => r.inTop5).length, total: rows.length },
  };
}

export interface ClassCount extends Count {
  label: string;
}

/** Per true class, in the order of `labels` (classes without images are left out). */
export function perClassAccuracy(rows: readonly Pick<EvalRow, 'truth' | 'correct'>[], labels: readonly string[]): ClassCount[] {
  const counts = new Map<string, Count>();
  for (const row of rows) {
    const c = counts.get(row.truth) ?? { correct: 0, total: 0 };
    c.total++;
    if (row.correct) c.correct++;
    counts.set(row.truth, c);
  }
  return labels.filter((l) => counts.has(l)).map((label) => ({ label, ...counts.get(label)! }));
}

export interface Confusion {
  /** Classes that are some image's truth or some image's prediction, in label order. */
  classes: string[];
  /** counts[t][p]: images of true class classes[t] predicted as classes[p]. */
  counts: number[][];
}

export function confusionMatrix(rows: readonly Pick<EvalRow, 'truth' | 'predicted'>[], labels: readonly string[]): Confusion {
  const used = new Set<string>();
  for (const row of rows) {
    used.add(row.truth);
    used.add(row.predicted);
  }
  const classes = labels.filter((l) => used.has(l));
  const index = new Map(classes.map((c, i) => [c, i]));
  const counts = classes.map(() => classes.map(() => 0));
  for (const row of rows) counts[index.get(row.truth)!]![index.get(row.predicted)!]!++;
  return { classes, counts };
}

export interface DomainCount extends Count {
  domain: string;
}

/** The name shown for images without a domain. */
export const NO_DOMAIN = '(no domain)';

/** Zero-shot accuracy per domain, largest domain first. */
export function domainAccuracy(rows: readonly Pick<EvalRow, 'domain' | 'correct'>[]): DomainCount[] {
  const counts = new Map<string, Count>();
  for (const row of rows) {
    const key = row.domain ?? NO_DOMAIN;
    const c = counts.get(key) ?? { correct: 0, total: 0 };
    c.total++;
    if (row.correct) c.correct++;
    counts.set(key, c);
  }
  return [...counts].map(([domain, c]) => ({ domain, ...c })).sort((a, b) => b.total - a.total || a.domain.localeCompare(b.domain));
}

/** "37 / 48 · 77%". */
export function formatCount({ correct, total }: Count): string {
  return total === 0 ? '–' : `${correct} / ${total} · ${Math.round((100 * correct) / total)}%`;
}

export function formatAccuracy(value: number | null): string {
  return value === null ? '–' : `${(100 * value).toFixed(1)}%`;
}
