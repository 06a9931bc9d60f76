/**
 * Zero-shot scores of one image against the encoded labels: softmax over logitScale (CLIP: 100) ×
 * cosine. Only embeddings of one model generation, the one in use, are ever compared: anything
 * else is "waiting" (the coordinator is re-embedding it), never a mixed-model score.
 */
import { cosineMatrix, softmax, topK } from '../../clip';
import type { GalleryItem } from '../state/galleryStore';
import type { LabelEmbeddings } from '../state/labelStore';

export interface LabelScore {
  label: string;
  probability: number;
  cosine: number;
}

export function rankLabels(imageEmbedding: Float32Array, labels: Pick<LabelEmbeddings, 'labels' | 'embeddings' | 'dim' | 'logitScale'>, k = 5): LabelScore[] {
  const cosines = cosineMatrix(imageEmbedding, 1, labels.embeddings, labels.labels.length, labels.dim);
  const probabilities = softmax(cosines, labels.logitScale);
  // topK's indices are positions in `probabilities`, which has one entry per label, as `cosines` does.
  return topK(probabilities, k).map(({ index, value }) => ({ label: labels.labels[index]!, probability: value, cosine: cosines[index]! }));
}

/** Whether an embedding and the labels can be compared: both made by the model in use. */
export function comparable(embedding: { generation?: number; embedding?: Float32Array }, labels: LabelEmbeddings | null, generation: number | null): labels is LabelEmbeddings {
  return (
    labels !== null &&
    generation !== null &&
    embedding.embedding !== undefined &&
    embedding.generation === generation &&
    labels.generation === generation &&
    embedding.embedding.length === labels.dim
  );
}

export type ItemScores =
  | { kind: 'scores'; scores: LabelScore[] }
  | { kind: 'no-labels' }
  /** Image or labels are being (re-)embedded for the model in use. */
  | { kind: 'waiting' };

export function scoreItem(item: GalleryItem, labels: LabelEmbeddings | null, generation: number | null, k = 5): ItemScores {
  if (labels && labels.labels.length === 0) return { kind: 'no-labels' };
  if (!comparable(item, labels, generation)) return { kind: 'waiting' };
  return { kind: 'scores', scores: rankLabels(item.embedding!, labels, k) };
}
