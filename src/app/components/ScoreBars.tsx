/** Top labels of one image as horizontal bars with percentages (a probe's scores have no cosine: NaN, no tooltip). */
import type { LabelScore } from '../gallery/scores';
import { formatPercent } from './format';

export function ScoreBars({ scores }: { scores: LabelScore[] }) {
  return (
    <ol className="scores">
      {scores.map((s, rank) => (
        <li key={s.label} className={rank === 0 ? 'top' : undefined} title={Number.isNaN(s.cosine) ? undefined : `cosine similarity ${s.cosine.toFixed(3)}`}>
          <span className="score-label">{s.label}</span>
          <span className="score-value">{formatPercent(s.probability)}</span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${Math.max(0.5, s.probability * 100)}%` }} />
          </span>
        </li>
      ))}
    </ol>
  );
}
