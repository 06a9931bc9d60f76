/** What the matrix shows (cosine, or a softmax along rows or columns), the logit scale, and shuffle / sort. */
import { useId } from 'react';
import { CLIP_LOGIT_SCALE } from '../../clip';
import { contrastiveStore, useContrastiveStore } from './contrastiveState';
import { MAX_LOGIT_SCALE, MIN_LOGIT_SCALE } from './contrastiveStore';
import type { ContrastiveMode } from './matrix';

const MODES: { id: ContrastiveMode; name: string }[] = [
  { id: 'cosine', name: 'Cosine similarity' },
  { id: 'image-to-text', name: 'Image → text (softmax per row)' },
  { id: 'text-to-image', name: 'Text → image (softmax per column)' },
];

export function ContrastiveControls({ batch, n, shuffled }: { batch: string; n: number; shuffled: boolean }) {
  const mode = useContrastiveStore((s) => s.mode);
  const logitScale = useContrastiveStore((s) => s.logitScale);
  const { setMode, setLogitScale, shuffle, sort } = contrastiveStore.getState();
  const name = useId();
  const sliderId = useId();
  const ticks = useId();
  // Where CLIP's value sits along the slider, for the marker under it.
  const markerAt = ((CLIP_LOGIT_SCALE - MIN_LOGIT_SCALE) / (MAX_LOGIT_SCALE - MIN_LOGIT_SCALE)) * 100;

  return (
    <div className="contrastive-controls">
      <fieldset className="matrix-mode">
        <legend>Show</legend>
        {MODES.map((m) => (
          <label key={m.id}>
            <input type="radio" name={name} value={m.id} checked={mode === m.id} onChange={() => setMode(m.id)} /> {m.name}
          </label>
        ))}
      </fieldset>
      <div className="logit-scale">
        <label htmlFor={sliderId}>
          Logit scale <output htmlFor={sliderId} data-testid="logit-scale">{logitScale}</output>{' '}
          <span className="hint">(temperature {(1 / logitScale).toFixed(logitScale >= 10 ? 3 : 2)})</span>
        </label>
        {logitScale !== CLIP_LOGIT_SCALE && (
          <button type="button" className="link back-to-clip" onClick={() => setLogitScale(CLIP_LOGIT_SCALE)}>
            Back to {CLIP_LOGIT_SCALE}
          </button>
        )}
        <div className="slider">
          <input
            id={sliderId}
            type="range"
            min={MIN_LOGIT_SCALE}
            max={MAX_LOGIT_SCALE}
            step={1}
            value={logitScale}
            list={ticks}
            onChange={(e) => setLogitScale(Number(e.target.value))}
            aria-describedby={`${sliderId}-marker`}
          />
          <datalist id={ticks}>
            <option value={CLIP_LOGIT_SCALE} label="CLIP" />
          </datalist>
          <span className="slider-marker" id={`${sliderId}-marker`} style={{ left: `${markerAt}%` }}>
            CLIP’s learned value: {CLIP_LOGIT_SCALE} ▲
          </span>
        </div>
      </div>
      <div className="actions">
        <button type="button" onClick={() => shuffle(batch, n)} disabled={n < 2} title={n < 2 ? 'Shuffling needs at least two pairs' : undefined}>
          Shuffle captions
        </button>
        <button type="button" onClick={sort} disabled={!shuffled}>
          Sort (true pairs)
        </button>
      </div>
    </div>
  );
}
