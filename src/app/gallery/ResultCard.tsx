/** One image of the gallery with its ranking, its progress, or why it could not be used. */
import { memo, useMemo } from 'react';
import { ScoreBars } from '../components/ScoreBars';
import { ThumbOverlay } from '../modelInput/ThumbOverlay';
import type { GalleryItem } from '../state/galleryStore';
import type { LabelEmbeddings } from '../state/labelStore';
import { scoreItem } from './scores';
import type { Probe } from '../state/probe';
import { TruthControls } from './TruthControls';

interface Props {
  item: GalleryItem;
  labels: LabelEmbeddings | null;
  /** The generation of the model in use. */
  generation: number | null;
  /** The labels on screen are being encoded again: these results are about to change. */
  updating: boolean;
  onRemove: (id: number) => void;
  /** The linear probe, when one applies to the model in use. */
  probe?: Probe | null;
}

export const ResultCard = memo(function ResultCard({ item, labels, generation, updating, onRemove, probe = null }: Props) {
  const result = useMemo(() => (item.status === 'done' ? scoreItem(item, labels, generation) : null), [item, labels, generation]);
  const busy = item.status === 'pending' || result?.kind === 'waiting' || updating;
  return (
    <li className={`card ${item.status}${updating ? ' updating' : ''}`} data-testid="result" aria-busy={busy}>
      <div className="thumb">
        {item.url && item.status !== 'error' ? <img src={item.url} alt={item.name} /> : <span className="no-thumb" aria-hidden="true">⚠</span>}
        <ThumbOverlay item={item} />
      </div>
      <div className="card-body">
        <div className="card-head">
          <span className="file-name" title={item.name}>{item.name}</span>
          <button type="button" className="icon" aria-label={`Remove ${item.name}`} onClick={() => onRemove(item.id)}>×</button>
        </div>
        {item.status === 'pending' && <p className="pending">Classifying…</p>}
        {item.status === 'error' && <p className="error" role="alert">{item.error?.message}</p>}
        {result?.kind === 'scores' && <ScoreBars scores={result.scores} />}
        {result?.kind === 'waiting' && <p className="pending">Classifying with the new model…</p>}
        {result?.kind === 'no-labels' && <p className="hint">Add labels to see the ranking.</p>}
        {item.status !== 'error' && <TruthControls item={item} labels={labels?.labels ?? []} scores={result?.kind === 'scores' ? result.scores : null} probe={probe} />}
      </div>
    </li>
  );
});
