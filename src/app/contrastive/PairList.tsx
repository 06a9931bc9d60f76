/**
 * The batch's pairs as cards, each with its caption field: a caption typed here is kept on the
 * gallery image (and replaces the one from its file name or its `.txt` file). It is applied on
 * Enter or when the field is left; Escape puts the field back.
 */
import { useState } from 'react';
import { MAX_CAPTION_CHARS } from '../gallery/ingest';
import { appState } from '../state';
import { captionFromFileName, type BatchPair } from './batch';

export function PairList({ pairs }: { pairs: readonly BatchPair[] }) {
  return (
    <section className="pairs" aria-labelledby="pairs-heading">
      <h3 id="pairs-heading">Pairs and their captions</h3>
      <p className="hint">Captions are encoded as typed, without a prompt template. Change one and the matrix follows.</p>
      <ol className="pair-list">
        {pairs.map((pair, i) => (
          <PairCard key={pair.id} pair={pair} index={i} />
        ))}
      </ol>
    </section>
  );
}

function PairCard({ pair, index }: { pair: BatchPair; index: number }) {
  const given = pair.captionFrom === 'caption' ? pair.caption : '';
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? given;
  const commit = () => {
    if (draft === null) return;
    if (draft.trim() !== given) appState.gallery.getState().setCaption(pair.id, draft);
    setDraft(null);
  };
  const id = `caption-${pair.id}`;
  return (
    <li className="pair-card" data-testid="pair">
      {pair.url && <img src={pair.url} alt={pair.name} />}
      <div className="pair-body">
        <label htmlFor={id}>
          <span className="index">I{index + 1} · T{index + 1}</span> caption of <span className="pair-name">{pair.name}</span>
        </label>
        <input
          id={id}
          type="text"
          value={value}
          maxLength={MAX_CAPTION_CHARS}
          placeholder={captionFromFileName(pair.name)}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(null);
          }}
        />
        <p className="hint">{pair.captionFrom === 'caption' ? 'Caption given (typed or from a .txt file).' : 'From the file name (type a caption to replace it).'}</p>
      </div>
    </li>
  );
}
