/**
 * The Evaluation view: how right zero-shot CLIP is on the class's own labelled images, which
 * prompts help, how a linear probe compares, and how both fare when the pictures change domain.
 */
import './evaluate.css';
import { ConfusionMatrix } from './ConfusionMatrix';
import { KShotChart } from './KShotChart';
import { PerClass } from './PerClass';
import { ProbePanel } from './ProbePanel';
import { PromptComparison } from './PromptComparison';
import { ShiftTable } from './ShiftTable';
import { Summary } from './Summary';
import { useEvaluation } from './useEvaluation';

export function EvaluationPanel() {
  const evaluation = useEvaluation();
  const { rows, labels } = evaluation;
  return (
    <section className="evaluate" aria-label="Evaluation">
      <Summary evaluation={evaluation} />
      {rows.length === 0 || !labels ? (
        <p className="insight-empty" data-testid="eval-empty">
          Nothing to evaluate yet. Images need a true label: drop a folder with one sub-folder per class (Choose folder… in the Images view), name files after the labels (<code>cat_01.png</code>), or pick a label on an image’s card.
        </p>
      ) : (
        <>
          <div className="eval-grid">
            <PerClass rows={rows} labels={labels.labels} />
            <PromptComparison evaluation={evaluation} />
          </div>
          <ConfusionMatrix rows={rows} labels={labels.labels} />
          <ProbePanel evaluation={evaluation} />
          <KShotChart evaluation={evaluation} />
          <ShiftTable evaluation={evaluation} />
        </>
      )}
      {/* The probe can also be trained on camera frames alone, or imported: shown without gallery images too. */}
      {labels && rows.length === 0 && <ProbePanel evaluation={evaluation} />}
    </section>
  );
}
