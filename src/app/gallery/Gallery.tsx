/** All added images with their zero-shot results. */
import { useMemo } from 'react';
import { useGalleryStore, useLabelStore, useModelStore } from '../state';
import { SamplesWhenIntroClosed } from '../learn/WhatIsClip';
import { useCurrentProbe } from '../state/currentProbe';
import { ResultCard } from './ResultCard';
import { DOMAIN_OPTIONS_ID, LABEL_OPTIONS_ID } from './TruthControls';
import { parseLabels } from '../labels/labels';

export function Gallery() {
  const items = useGalleryStore((s) => s.items);
  const remove = useGalleryStore((s) => s.remove);
  const labels = useLabelStore((s) => s.encoded);
  const updating = useLabelStore((s) => s.encoding !== null);
  // Said here too: the editor's own warning may be off screen (a projector) or folded (a phone).
  const noLabels = useLabelStore((s) => parseLabels(s.labelsText).length === 0);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  const probe = useCurrentProbe();
  const domains = useMemo(() => [...new Set(items.map((i) => i.domain).filter((d): d is string => d !== null))].sort(), [items]);
  if (items.length === 0) {
    return (
      <div className="empty">
        <p>No images yet. Drop photos here, paste one, or use “Choose images…”.</p>
        <SamplesWhenIntroClosed />
      </div>
    );
  }
  return (
    <>
      {noLabels && (
        <p className="warning" data-testid="gallery-no-labels">
          No labels to rank: type at least one label in the label editor to classify these images.
        </p>
      )}
      <ul className="gallery" aria-label="Results">
        {items.map((item) => (
          <ResultCard key={item.id} item={item} labels={labels} generation={generation} updating={updating} onRemove={remove} probe={probe} />
        ))}
      </ul>
      {/* One list of suggestions for every card's fields (not one per card). */}
      <datalist id={LABEL_OPTIONS_ID}>
        {labels?.labels.map((l) => <option key={l} value={l} />)}
      </datalist>
      <datalist id={DOMAIN_OPTIONS_ID}>
        {domains.map((d) => <option key={d} value={d} />)}
      </datalist>
    </>
  );
}
