/** Zero-shot scores of one image against the encoded labels: softmax over logitScale (CLIP: 100) × cosine. */
import { cosineMatrix, softmax, topK } from '../../clip';
import type { LabelEmbeddings } from './labelStore';

export interface LabelScore {
  label: string;
  probability: number;
  cosine: number;
}

export function rankLabels(imageEmbedding: Float32Array, labels: LabelEmbeddings, k = 5): LabelScore[] {
  const cosines = cosineMatrix(imageEmbedding, 1, labels.embeddings, labels.labels.length, labels.dim);
  const probabilities = softmax(cosines, labels.logitScale);
  return topK(probabilities, k).map(({ index, value }) => ({ label: labels.labels[index], probability: value, cosine: cosines[index] }));
}
