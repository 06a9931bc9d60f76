/**
 * On a result card: the image's true label (from its folder, its file name, or set here) and
 * whether zero-shot got it right; its domain; and the linear probe's answer when a probe applies.
 * The fields commit on Enter or when they lose focus; Escape puts back what was there.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { appState } from '../state';
import type { GalleryItem } from '../state/galleryStore';
import type { Probe } from '../state/probe';
import { probeScores } from '../state/probe';
import { formatPercent } from '../components/format';
import type { LabelScore } from './scores';
import { trueLabel } from './truth';
import './truth.css';

/** The id of the page's one list of label suggestions (rendered by the gallery). */
export const LABEL_OPTIONS_ID = 'true-label-options';
export const DOMAIN_OPTIONS_ID = 'domain-options';

const FROM: Record<string, string> = { folder: 'from its folder', 'file name': 'from its file name', hand: 'set by hand', capture: 'captured as', drawing: 'drawn as', generator: 'generated as' };

interface Props {
  item: GalleryItem;
  labels: readonly string[];
  /** The zero-shot ranking on the card, when there is one. */
  scores: LabelScore[] | null;
  /** A probe that applies to this model, or null. */
  probe: Probe | null;
}

export function TruthControls({ item, labels, scores, probe }: Props) {
  const truth = trueLabel(item, labels);
  const predicted = scores?.[0]?.label ?? null;
  const id = useId();
  const known = truth !== null && labels.includes(truth.label);
  const probeTop = probe && item.embedding && item.embedding.length === probe.dim ? probeScores(probe, item.embedding, 1)[0] : undefined;
  return (
    <div className="truth" data-testid="truth">
      <div className="truth-row">
        <label htmlFor={`${id}-truth`}>True label</label>
        <CommitField
          key={`t${truth?.label ?? ''}`}
          id={`${id}-truth`}
          initial={truth?.label ?? ''}
          list={LABEL_OPTIONS_ID}
          placeholder="none: pick one"
          onCommit={(value) => appState.gallery.getState().setTruth(item.id, value || null)}
        />
      </div>
      <p className="verdict" data-testid="verdict" data-verdict={!truth ? 'none' : !known ? 'unknown' : predicted === null ? 'waiting' : predicted === truth.label ? 'right' : 'wrong'}>
        {!truth && 'No true label: left out of evaluation.'}
        {truth && !known && `“${truth.label}” is not one of the labels: left out of evaluation.`}
        {truth && known && predicted !== null && (predicted === truth.label ? <span className="right">✓ Right</span> : <span className="wrong">✗ Wrong</span>)}
        {truth && <span className="truth-from"> · {FROM[truth.from] ?? truth.from}</span>}
      </p>
      <div className="truth-row">
        <label htmlFor={`${id}-domain`}>Domain</label>
        <CommitField
          key={`d${item.domain ?? ''}`}
          id={`${id}-domain`}
          initial={item.domain ?? ''}
          list={DOMAIN_OPTIONS_ID}
          placeholder="e.g. photo, sketch"
          onCommit={(value) => appState.gallery.getState().setDomain(item.id, value || null)}
        />
      </div>
      {probeTop && (
        <p className="probe-line" data-testid="probe-prediction" data-label={probeTop.label}>
          Linear probe: <strong>{probeTop.label}</strong> {formatPercent(probeTop.probability)}
          {truth && known && (probeTop.label === truth.label ? <span className="right"> ✓</span> : <span className="wrong"> ✗</span>)}
        </p>
      )}
    </div>
  );
}

function CommitField({ id, initial, list, placeholder, onCommit }: { id: string; initial: string; list: string; placeholder: string; onCommit: (value: string) => void }) {
  const [value, setValue] = useState(initial);
  const commit = () => {
    const trimmed = value.trim().replace(/\s+/g, ' ');
    if (trimmed !== initial) onCommit(trimmed);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      setValue(initial);
    }
  };
  return <input id={id} type="text" list={list} value={value} placeholder={placeholder} autoComplete="off" spellCheck={false} onChange={(e) => setValue(e.target.value)} onBlur={commit} onKeyDown={onKeyDown} />;
}
