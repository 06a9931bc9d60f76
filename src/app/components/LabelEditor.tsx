/** The labels (one per line, or a preset), the prompt template, and prompt ensembling. */
import { PRESETS } from '../../clip';
import { useLabelStore } from '../state/labelStore';
import { parseLabels } from '../state/labels';
import { EncodeStatus } from './EncodeStatus';

export function LabelEditor() {
  const { labelsText, template, preset, ensemble, encoded, setLabelsText, setTemplate, setEnsemble, applyPreset } = useLabelStore();
  const labels = parseLabels(labelsText);
  const truncated = encoded ? encoded.labels.filter((_, i) => encoded.truncated[i]) : [];
  return (
    <section className="labels" aria-label="Labels">
      <label htmlFor="preset-select">Label set</label>
      <select id="preset-select" value={preset ?? ''} onChange={(e) => e.target.value && applyPreset(e.target.value)}>
        <option value="">{preset ? '' : 'My labels'}</option>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.labels.length})
          </option>
        ))}
      </select>
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
      <EncodeStatus labelCount={labels.length} />
      {labels.length === 0 && <p className="warning" role="status">Add at least one label to classify images.</p>}
      {truncated.length > 0 && (
        <p className="warning" role="status" data-testid="truncated-warning">
          Too long for the model (over 77 tokens), truncated: {truncated.map((l) => `“${l.length > 40 ? `${l.slice(0, 40)}…` : l}”`).join(', ')}
        </p>
      )}
    </section>
  );
}
