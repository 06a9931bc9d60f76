/**
 * An image's true label, for evaluation: the one given explicitly (folder, by hand, captured or
 * drawn as), else the one its file name names among the current labels (`cat_01.png` → "cat"),
 * else none. Images without one are left out of evaluation.
 */
import type { ExplicitTruth, GalleryItem } from '../state/galleryStore';
import { labelFromFileName } from './ingest';

export interface Truth {
  label: string;
  from: ExplicitTruth['from'] | 'file name';
}

export function trueLabel(item: Pick<GalleryItem, 'truth' | 'name'>, labels: readonly string[]): Truth | null {
  if (item.truth) return item.truth;
  const named = labelFromFileName(item.name, labels);
  return named === null ? null : { label: named, from: 'file name' };
}
