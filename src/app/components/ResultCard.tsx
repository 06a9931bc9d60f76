/** One image of the gallery with its ranking, its progress, or why it could not be used. */
import { memo, useMemo } from 'react';
import type { GalleryItem } from '../state/galleryStore';
import type { LabelEmbeddings } from '../state/labelStore';
import { rankLabels } from '../state/scores';
import { ScoreBars } from './ScoreBars';

interface Props {
  item: GalleryItem;
  labels: LabelEmbeddings | null;
  onRemove(id: number): void;
}

export const ResultCard = memo(function ResultCard({ item, labels, onRemove }: Props) {
  const scores = useMemo(() => (item.embedding && labels ? rankLabels(item.embedding, labels, 5) : null), [item.embedding, labels]);
  return (
    <li className={`card ${item.status}`} data-testid="result" aria-busy={item.status === 'pending'}>
      <div className="thumb">
        {item.url && item.status !== 'error' ? <img src={item.url} alt={item.name} /> : <span className="no-thumb" aria-hidden="true">⚠</span>}
      </div>
      <div className="card-body">
        <div className="card-head">
          <span className="file-name" title={item.name}>{item.name}</span>
          <button type="button" className="icon" aria-label={`Remove ${item.name}`} onClick={() => onRemove(item.id)}>×</button>
        </div>
        {item.status === 'pending' && <p className="pending">Classifying…</p>}
        {item.status === 'error' && <p className="error" role="alert">{item.error}</p>}
        {item.status === 'done' && scores && <ScoreBars scores={scores} />}
        {item.status === 'done' && !scores && <p className="hint">Add labels to see the ranking.</p>}
      </div>
    </li>
  );
});
