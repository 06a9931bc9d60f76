/** The labels (one per line) and the prompt template they are put into. */
import { useLabelStore } from '../state/labelStore';
import { parseLabels } from '../state/labels';

export function LabelEditor() {
  const { labelsText, template, encoded, encoding, error, setLabelsText, setTemplate } = useLabelStore();
  const labels = parseLabels(labelsText);
  const truncated = encoded ? encoded.labels.filter((_, i) => encoded.truncated[i]) : [];
  return (
    <section className="labels" aria-label="Labels">
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
      <input id="template-input" type="text" value={template} onChange={(e) => setTemplate(e.target.value)} spellCheck={false} />
      <p className="label-count" aria-live="polite">
        {labels.length} label{labels.length === 1 ? '' : 's'}
        {encoding ? ' · encoding…' : ''}
      </p>
      {labels.length === 0 && <p className="warning" role="status">Add at least one label to classify images.</p>}
      {truncated.length > 0 && (
        <p className="warning" role="status" data-testid="truncated-warning">
          Too long for the model (over 77 tokens), truncated: {truncated.map((l) => `“${l.length > 40 ? `${l.slice(0, 40)}…` : l}”`).join(', ')}
        </p>
      )}
      {error && <p className="error" role="alert">Labels could not be encoded: {error}</p>}
    </section>
  );
}
