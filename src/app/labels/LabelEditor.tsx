/** The labels (one per line, or a preset), the prompt template, and prompt ensembling. */
import { useState } from 'react';
import { PRESETS } from '../../clip';
import { appParams, appState, useLabelStore } from '../state';
import { EncodeStatus } from './EncodeStatus';
import { limitMessage, parseLabels, repeatedLabels, withinLimits } from './labels';
import './limits.css';

const MY_LABELS = '__mine__';

export function LabelEditor() {
  const labelsText = useLabelStore((s) => s.labelsText);
  const template = useLabelStore((s) => s.template);
  const preset = useLabelStore((s) => s.preset);
  const ensemble = useLabelStore((s) => s.ensemble);
  const myLabels = useLabelStore((s) => s.myLabels);
  const canUndo = useLabelStore((s) => s.history.length > 0);
  const encoded = useLabelStore((s) => s.encoded);
  // Store actions never change: no need to subscribe to them.
  const { setLabelsText, setTemplate, setEnsemble, applyPreset, restoreMyLabels, undo } = appState.labels.getState();
  const labels = parseLabels(labelsText);
  const repeated = repeatedLabels(labelsText);
  const limits = withinLimits(labels, ensemble ? '' : template).problems;
  // What the link that opened the page asked for beyond the limits (cut when it was read).
  const [linkLimits, setLinkLimits] = useState(appParams.setup.limits ?? []);
  const truncated = encoded ? encoded.labels.filter((_, i) => encoded.truncated[i]) : [];
  const choice = preset ?? (myLabels === null ? MY_LABELS : '');
  return (
    <section className="labels" aria-label="Labels">
      <label htmlFor="preset-select">Label set</label>
      <div className="label-set">
        <select
          id="preset-select"
          value={choice}
          onChange={(e) => (e.target.value === MY_LABELS ? restoreMyLabels() : e.target.value && applyPreset(e.target.value))}
        >
          {/* "My labels": the user's own list, kept aside while a preset is shown. */}
          <option value={MY_LABELS} disabled={myLabels === null && preset !== null}>My labels</option>
          {choice === '' && <option value="">Edited labels</option>}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.labels.length})
            </option>
          ))}
        </select>
        <button type="button" onClick={undo} disabled={!canUndo} title="Undo the last label set change">Undo</button>
      </div>
      <label htmlFor="labels-input">
        Labels <span className="hint">one per line</span>
      </label>
      <textarea
        id="labels-input"
        value={labelsText}
        onChange={(e) => setLabelsText(e.target.value)}
        rows={8}
        spellCheck={false}
        placeholder={'a dog\na cat\na bicycle'}
      />
      <label htmlFor="template-input">
        Prompt template <span className="hint">{'{}'} is replaced by each label</span>
      </label>
      <input id="template-input" type="text" value={template} disabled={ensemble} onChange={(e) => setTemplate(e.target.value)} spellCheck={false} />
      <label className="toggle">
        <input type="checkbox" checked={ensemble} onChange={(e) => setEnsemble(e.target.checked)} /> Prompt ensemble
        <span className="hint"> (average of several templates per label, as in the CLIP paper)</span>
      </label>
      {limits.length > 0 && (
        <div className="warning" role="status" data-testid="label-limits">
          {limits.map((problem) => (
            <p key={problem.kind}>{limitMessage(problem)}</p>
          ))}
        </div>
      )}
      {linkLimits.length > 0 && (
        <div className="warning" role="status" data-testid="link-limits">
          <p>The link asked for more than this app encodes, and was cut:</p>
          {linkLimits.map((problem) => (
            <p key={problem.kind}>{limitMessage(problem)}</p>
          ))}
          <button type="button" onClick={() => setLinkLimits([])}>Dismiss</button>
        </div>
      )}
      {repeated.length > 0 && (
        <p className="hint" role="status" data-testid="repeated-labels">
          {repeated.length === 1 ? 'A label is' : `${repeated.length} labels are`} written more than once and used once:{' '}
          {repeated.slice(0, 5).map((l) => `“${l}”`).join(', ')}
          {repeated.length > 5 ? ` and ${repeated.length - 5} more` : ''}.
        </p>
      )}
      <EncodeStatus />
      {labels.length === 0 && <p className="warning" role="status">Add at least one label to classify images.</p>}
      {labels.length === 1 && (
        <p className="hint" role="status" data-testid="one-label-hint">
          With one label, every image gets 100%: the percentages only compare your labels. Add another to compare.
        </p>
      )}
      {truncated.length > 0 && (
        <p className="warning" role="status" data-testid="truncated-warning">
          Too long for the model (over 77 tokens), truncated: {truncated.map((l) => `“${l.length > 40 ? `${l.slice(0, 40)}…` : l}”`).join(', ')}
        </p>
      )}
    </section>
  );
}
