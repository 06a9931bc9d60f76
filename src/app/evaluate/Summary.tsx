/** Top-1 and top-5 accuracy with counts, what was left out and why, and the exports. */
import { appState } from '../state';
import type { Evaluation } from './useEvaluation';
import { formatCount, topAccuracy } from './metrics';
import { ExportButtons } from './ExportButtons';

export function Summary({ evaluation }: { evaluation: Evaluation }) {
  const { rows, excluded, labels } = evaluation;
  const { top1, top5 } = topAccuracy(rows);
  const missing = excluded.notALabel.map((m) => m.label);
  const addMissing = () => {
    const state = appState.labels.getState();
    state.setLabelsText(`${state.labelsText.trimEnd()}\n${missing.join('\n')}`);
  };
  return (
    <section className="eval-summary" aria-labelledby="eval-summary-title">
      <h2 id="eval-summary-title">Zero-shot accuracy</h2>
      <div className="eval-figures">
        <p className="eval-figure" data-testid="top1">
          <span className="eval-figure-name">Top-1</span>
          <strong>{formatCount(top1)}</strong>
        </p>
        <p className="eval-figure" data-testid="top5">
          <span className="eval-figure-name">Top-5</span>
          <strong>{formatCount(top5)}</strong>
        </p>
      </div>
      <p className="hint">
        {labels
          ? `On the ${rows.length} image${rows.length === 1 ? '' : 's'} with a true label among the ${labels.labels.length} labels, with ${labels.setup.ensemble ? 'the prompt ensemble' : `the template “${labels.setup.template}”`}: what the cards show.`
          : 'Waiting for the model and the labels to be ready…'}
      </p>
      <ul className="eval-excluded" data-testid="excluded" aria-label="Left out of the evaluation">
        {excluded.noTruth > 0 && (
          <li>
            {excluded.noTruth} image{excluded.noTruth === 1 ? ' has' : 's have'} no true label and {excluded.noTruth === 1 ? 'is' : 'are'} left out: give {excluded.noTruth === 1 ? 'it' : 'them'} one on {excluded.noTruth === 1 ? 'its card' : 'their cards'}, drop a folder per class, or name the files after the labels.
          </li>
        )}
        {excluded.notALabel.length > 0 && (
          <li>
            {excluded.notALabel.map((m) => `${m.images} × “${m.label}”`).join(', ')}: true label{excluded.notALabel.length === 1 ? ' is' : 's are'} not among the labels, so left out.{' '}
            <button type="button" className="link" onClick={addMissing}>
              Add {missing.length === 1 ? 'it' : 'them'} to the labels
            </button>
          </li>
        )}
        {excluded.waiting > 0 && <li>{excluded.waiting} image{excluded.waiting === 1 ? ' is' : 's are'} still being classified.</li>}
        {excluded.failed > 0 && <li>{excluded.failed} file{excluded.failed === 1 ? '' : 's'} could not be read (see their cards).</li>}
      </ul>
      <ExportButtons evaluation={evaluation} />
    </section>
  );
}
