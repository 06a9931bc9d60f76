/** All added images with their zero-shot results. */
import { useGalleryStore, useLabelStore, useModelStore } from '../state';
import { SamplesWhenIntroClosed } from '../learn/WhatIsClip';
import { ResultCard } from './ResultCard';

export function Gallery() {
  const items = useGalleryStore((s) => s.items);
  const remove = useGalleryStore((s) => s.remove);
  const labels = useLabelStore((s) => s.encoded);
  const updating = useLabelStore((s) => s.encoding !== null);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  if (items.length === 0) {
    return (
      <div className="empty">
        <p>No images yet. Drop photos here, paste one, or use “Choose images…”.</p>
        <SamplesWhenIntroClosed />
      </div>
    );
  }
  return (
    <ul className="gallery" aria-label="Results">
      {items.map((item) => (
        <ResultCard key={item.id} item={item} labels={labels} generation={generation} updating={updating} onRemove={remove} />
      ))}
    </ul>
  );
}
