/**
 * One click to a distribution-shift lab that works offline: test sets of the bundled shapes
 * model's classes drawn in the browser, a clean baseline and six shifted domains, added to the
 * gallery with their true labels and domains (origin 'generated').
 */
import { useId, useMemo, useRef, useState } from 'react';
import { isCancelled } from '../../../workers/errors';
import { BUNDLED_MODEL_ID } from '../../clip/modelSource';
import { parseLabels } from '../labels/labels';
import { appState, useLabelStore, useModelStore } from '../state';
import { SHIFT_DOMAINS, type ShiftDomainId } from './domains';
import { drawPlannedSet } from './generate';
import { MAX_PER_CLASS, planShiftedSet, shapeClasses } from './plan';
import './shift.css';

/**
 * The first set of a page is always the same (a lecture's numbers can be shown again); each
 * further click in the page draws new pictures, also after leaving the view and coming back.
 */
const FIRST_SEED = 2021;
let nextSeed = FIRST_SEED;

export function ShiftGenerator() {
  const labelsText = useLabelStore((s) => s.labelsText);
  const modelId = useModelStore((s) => s.active?.model.source.id ?? null);
  const labels = useMemo(() => parseLabels(labelsText), [labelsText]);
  const classes = useMemo(() => shapeClasses(labels), [labels]);
  const [domains, setDomains] = useState<ShiftDomainId[]>(SHIFT_DOMAINS.map((d) => d.id));
  const [perClass, setPerClass] = useState(1);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean; added?: boolean } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const headingId = useId();
  const perClassId = useId();
  const total = classes.length * domains.length * perClass;

  const generate = async () => {
    const plan = planShiftedSet(labels, domains, perClass, nextSeed);
    if (plan.length === 0) return;
    const abort = new AbortController();
    controller.current = abort;
    setMessage(null);
    setProgress({ done: 0, total: plan.length });
    try {
      const images = await drawPlannedSet(plan, { signal: abort.signal, onProgress: (done, total) => setProgress({ done, total }) });
      void appState.gallery.getState().addImages(images);
      const counts = domains.map((d) => `${d} ${plan.filter((p) => p.domain === d).length}`).join(', ');
      setMessage({ text: `Added ${images.length} pictures to the gallery (${counts}).`, error: false, added: true });
      nextSeed++; // the next click makes new pictures, not the same again
    } catch (error) {
      setMessage(isCancelled(error) ? { text: 'Stopped: nothing was added.', error: false } : { text: `The pictures could not be drawn: ${error instanceof Error ? error.message : String(error)}`, error: true });
    } finally {
      controller.current = null;
      setProgress(null);
    }
  };

  const toggle = (id: ShiftDomainId, on: boolean) => setDomains((ds) => (on ? SHIFT_DOMAINS.map((d) => d.id).filter((d) => d === id || ds.includes(d)) : ds.filter((d) => d !== id)));

  return (
    <section className="shift-generator" aria-labelledby={headingId}>
      <h3 id={headingId}>Shifted test sets</h3>
      <p className="hint">
        Test pictures for the distribution-shift lab, drawn here in the browser for the bundled shapes model’s classes: a clean baseline
        like its training pictures, and the same classes shifted one way at a time. Each arrives in the gallery with its true label and
        its domain, to compare accuracy per domain.
      </p>
      {classes.length === 0 ? (
        <p className="notice" role="note">
          The generator draws the bundled shapes model’s classes (“red circle”, “blue square”…), and none of the current labels is one.
          Load the demo model (model picker, above) or type such labels.
        </p>
      ) : (
        <>
          {modelId !== null && modelId !== BUNDLED_MODEL_ID && (
            <p className="notice" role="note">
              These pictures are made for the bundled shapes model; {modelId} can be tested on them too, but they were not designed for it.
            </p>
          )}
          <fieldset className="shift-domains" disabled={progress !== null}>
            <legend>Domains</legend>
            {SHIFT_DOMAINS.map((d) => (
              <label key={d.id}>
                <input type="checkbox" checked={domains.includes(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} />
                <span>{d.name}</span>
                <span className="hint">{d.description}</span>
              </label>
            ))}
          </fieldset>
          <div className="shift-run">
            <label htmlFor={perClassId}>Pictures per class and domain</label>
            <select id={perClassId} value={perClass} onChange={(e) => setPerClass(Number(e.target.value))} disabled={progress !== null}>
              {Array.from({ length: MAX_PER_CLASS }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            {progress ? (
              <>
                <progress max={progress.total} value={progress.done} aria-label="Drawing the test pictures" />
                <span className="hint">
                  {progress.done} / {progress.total}
                </span>
                <button type="button" onClick={() => controller.current?.abort()}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" className="primary" onClick={() => void generate()} disabled={total === 0}>
                Generate {total} pictures
              </button>
            )}
          </div>
          <p className="hint">
            {classes.length} classes × {domains.length} domains × {perClass}
          </p>
        </>
      )}
      {message && (
        <p className={message.error ? 'error' : 'hint'} role={message.error ? 'alert' : 'status'}>
          <span data-testid="shift-message">{message.text}</span>
          {message.added && (
            <>
              {' '}
              <button type="button" className="link" onClick={() => appState.ui.getState().setView('images')}>
                Show them
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
