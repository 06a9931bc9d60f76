/**
 * Prompt engineering on the class's own images: accuracy with the bare label, "a photo of a {}.",
 * the user's template and the ensemble, side by side, with what each costs in prompts to encode.
 * Runs by itself when the images or labels change, unless the label set is large.
 */
import { useEffect } from 'react';
import { useLabelStore } from '../state';
import { useLabStore } from './labStore';
import { formatCount } from './metrics';
import { promptStrategies, strategyPrompts } from './prompts';
import type { Evaluation } from './useEvaluation';
import { JobProgress } from './JobProgress';

/** Above this many prompts in all, the comparison waits for a click (an ImageNet ensemble is 11 000). */
export const AUTO_PROMPTS = 1500;

export function PromptComparison({ evaluation }: { evaluation: Evaluation }) {
  const template = useLabelStore((s) => s.template);
  const prompts = useLabStore((s) => s.prompts);
  const job = useLabStore((s) => s.job);
  const error = useLabStore((s) => (s.error?.job === 'prompts' ? s.error.message : null));
  const { rows, labels } = evaluation;
  const key = `${evaluation.key}|${template.trim()}`;
  const planned = labels ? promptStrategies(template).reduce((n, s) => n + strategyPrompts(s, labels.labels).length, 0) : 0;
  const fresh = prompts?.key === key;
  const auto = planned <= AUTO_PROMPTS;

  useEffect(() => {
    if (!labels || rows.length === 0 || !auto) return;
    const lab = useLabStore.getState();
    if (lab.prompts?.key === key || lab.job || lab.error?.job === 'prompts') return;
    void lab.comparePrompts(key, rows, labels, template);
  }, [key, rows, labels, template, auto]);

  const run = () => labels && void useLabStore.getState().comparePrompts(key, rows, labels, template);
  const best = fresh ? Math.max(...prompts.results.map((r) => r.correct)) : 0;
  return (
    <section aria-labelledby="prompts-title">
      <h2 id="prompts-title">Prompt engineering</h2>
      <p className="hint">
        The same {rows.length} images, classified with label embeddings made from different prompts (the CLIP paper, section 3.1.4: a template and an ensemble of templates each gained ImageNet accuracy). Text embeddings come from the cache when they were encoded before.
      </p>
      {job?.kind === 'prompts' && <JobProgress label="Encoding prompts" done={job.done} total={job.total} onCancel={() => useLabStore.getState().cancel()} />}
      {error && <p className="error" role="alert">{error}</p>}
      {!job && (!fresh || !auto) && (
        <button type="button" onClick={run} disabled={rows.length === 0}>
          {fresh ? 'Compare again' : `Compare prompts (${planned} to encode)`}
        </button>
      )}
      {fresh && (
        <ul className="prompt-bars" data-testid="prompt-comparison">
          {prompts.results.map((r) => (
            <li key={r.strategy.id} data-strategy={r.strategy.id} className={r.correct === best ? 'best' : undefined}>
              <span className="prompt-name">{r.strategy.name}</span>
              <span className="prompt-accuracy">{formatCount(r)}</span>
              <span className="prompt-cost">
                {r.prompts} prompt{r.prompts === 1 ? '' : 's'} ({r.strategy.templates.length} per label)
              </span>
              <span className="bar" aria-hidden="true">
                <span style={{ width: `${r.total ? (100 * r.correct) / r.total : 0}%` }} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
