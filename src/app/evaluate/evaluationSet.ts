/**
 * Which gallery images can be evaluated, and what zero-shot CLIP says of each: exactly the ranking
 * their cards show (`rankLabels`, the same function), so every figure of the Evaluation view can be
 * recomputed from the cards. An image is evaluated when it is encoded by the model in use, the
 * labels are too, and it has a true label that is one of the labels. The others are counted, with
 * the reason, so the view can say what was left out.
 */
import type { GalleryItem } from '../state/galleryStore';
import type { LabelEmbeddings } from '../state/labelStore';
import { comparable, rankLabels, type LabelScore } from '../gallery/scores';
import { trueLabel, type Truth } from '../gallery/truth';

export interface EvalRow {
  id: number;
  name: string;
  url: string | null;
  domain: string | null;
  truth: string;
  truthFrom: Truth['from'];
  embedding: Float32Array;
  /** The top five labels (fewer when there are fewer labels), as the card shows them. */
  ranking: LabelScore[];
  predicted: string;
  correct: boolean;
  inTop5: boolean;
}

export interface Excluded {
  /** Encoded images with no true label. */
  noTruth: number;
  /** True labels that are not among the labels, with how many images have each. */
  notALabel: { label: string; images: number }[];
  /** Still being encoded (or waiting for the labels). */
  waiting: number;
  /** Files that could not be read. */
  failed: number;
}

export interface EvaluationSet {
  rows: EvalRow[];
  excluded: Excluded;
}

export function evaluationSet(items: readonly GalleryItem[], labels: LabelEmbeddings | null, generation: number | null): EvaluationSet {
  const rows: EvalRow[] = [];
  const excluded: Excluded = { noTruth: 0, notALabel: [], waiting: 0, failed: 0 };
  const unknown = new Map<string, number>();
  const labelSet = new Set(labels?.labels ?? []);
  for (const item of items) {
    if (item.status === 'error') {
      excluded.failed++;
      continue;
    }
    if (item.status === 'pending' || !comparable(item, labels, generation)) {
      excluded.waiting++;
      continue;
    }
    const truth = trueLabel(item, labels.labels);
    if (!truth) {
      excluded.noTruth++;
      continue;
    }
    if (!labelSet.has(truth.label)) {
      unknown.set(truth.label, (unknown.get(truth.label) ?? 0) + 1);
      continue;
    }
    const ranking = rankLabels(item.embedding!, labels, 5);
    const predicted = ranking[0]?.label ?? '';
    rows.push({
      id: item.id,
      name: item.name,
      url: item.url,
      domain: item.domain,
      truth: truth.label,
      truthFrom: truth.from,
      embedding: item.embedding!,
      ranking,
      predicted,
      correct: predicted === truth.label,
      inTop5: ranking.some((s) => s.label === truth.label),
    });
  }
  excluded.notALabel = [...unknown].map(([label, images]) => ({ label, images })).sort((a, b) => b.images - a.images || a.label.localeCompare(b.label));
  return { rows, excluded };
}
