/**
 * The batch the contrastive view shows: the gallery's images, in the order they were added, each
 * paired with its caption (typed on its card, or from a same-named `.txt` file dropped with it,
 * or else its file name's words). Only images embedded by the model in use take part: a batch
 * never mixes embeddings of two models. Pure functions, no DOM.
 */
import { labelFromName, nameKey, stem } from '../gallery/ingest';
import type { GalleryItem } from '../state/galleryStore';

/** Pairs shown at most: beyond this a matrix stops being readable on a projector. */
export const MAX_BATCH = 16;

export interface BatchPair {
  id: number;
  name: string;
  url: string | null;
  embedding: Float32Array;
  caption: string;
  /** `caption`: given (typed, or a dropped `.txt`); `file name`: made from the image's file name. */
  captionFrom: 'caption' | 'file name';
}

export interface Batch {
  pairs: BatchPair[];
  /** Images that could take part: the batch holds the first `MAX_BATCH` of them. */
  available: number;
}

/**
 * A caption from a file name: its words without the extension and trailing numbering
 * (`red-circle_2.png` → "red circle"), or the whole stem when that leaves nothing (`0001.png` → "0001").
 */
export function captionFromFileName(fileName: string): string {
  return nameKey(fileName) || labelFromName(stem(fileName)) || fileName;
}

export function buildBatch(items: readonly GalleryItem[], generation: number | null, max = MAX_BATCH): Batch {
  if (generation === null) return { pairs: [], available: 0 };
  const usable = items
    .filter((item) => item.status === 'done' && item.embedding !== undefined && item.generation === generation)
    // The gallery lists the newest first; a batch reads I1 … IN in the order the images came.
    .sort((a, b) => a.id - b.id);
  const pairs = usable.slice(0, max).map((item): BatchPair => {
    const given = item.caption?.trim();
    return {
      id: item.id,
      name: item.name,
      url: item.url,
      embedding: item.embedding!,
      caption: given || captionFromFileName(item.name),
      captionFrom: given ? 'caption' : 'file name',
    };
  });
  return { pairs, available: usable.length };
}

/** Identifies a batch's images in order: a caption order made for one batch means nothing for another. */
export function batchKey(pairs: readonly Pick<BatchPair, 'id'>[]): string {
  return pairs.map((p) => p.id).join(',');
}
