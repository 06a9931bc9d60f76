/**
 * The linear probe: train it on the labelled images (C by cross-validation, in the probe worker),
 * see what it is, keep it as a file or load one. Once trained it classifies the gallery's cards and
 * the live camera.
 */
import { useId, useRef, useState } from 'react';
import { appState, useProbeStore } from '../state';
import { probeMismatch } from '../state/probe';
import { probeFromJson, ProbeFileError, probeToJson } from '../state/probeFile';
import { useModelInfo } from '../state/useModelInfo';
import type { ProbeStart } from '../../clip/probe';
import { download } from './exportFiles';
import { JobProgress } from './JobProgress';
import { formatAccuracy } from './metrics';
import { trainAppProbe, trainingPlan } from './trainProbe';
import type { Evaluation } from './useEvaluation';

export function ProbePanel({ evaluation }: { evaluation: Evaluation }) {
  const probe = useProbeStore((s) => s.probe);
  const training = useProbeStore((s) => s.training);
  const error = useProbeStore((s) => s.error);
  const examples = useProbeStore((s) => s.examples);
  const model = useModelInfo();
  const [start, setStart] = useState<ProbeStart>('zero');
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const name = useId();
  const { rows, labels } = evaluation;
  const plan = trainingPlan(rows.map((r) => ({ embedding: r.embedding, label: r.truth })), examples, labels, model);
  const mismatch = probe ? probeMismatch(probe, model) : null;
  const chosen = probe?.sweep?.find((p) => p.c === probe.c) ?? null;

  const importFile = async (file: File) => {
    setFileError(null);
    try {
      appState.probe.getState().setProbe(probeFromJson(await file.text(), model));
    } catch (e) {
      setFileError(e instanceof ProbeFileError ? e.message : `Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <section aria-labelledby="probe-title">
      <h2 id="probe-title">Linear probe</h2>
      <p className="hint">
        A logistic-regression classifier trained on CLIP’s image embeddings of your labelled images (the paper’s “representation learning” test): it needs examples, zero-shot needs none.
      </p>
      <fieldset className="probe-start">
        <legend>Start from</legend>
        <label>
          <input type="radio" name={name} checked={start === 'zero'} onChange={() => setStart('zero')} /> zero (the usual probe)
        </label>
        <label>
          <input type="radio" name={name} checked={start === 'zero-shot'} onChange={() => setStart('zero-shot')} /> the zero-shot weights, and stay near them (L2 towards the label embeddings)
        </label>
      </fieldset>
      <div className="actions">
        <button type="button" className="primary" disabled={plan.classes < 2 || training !== null || !labels} onClick={() => labels && void trainAppProbe(plan, labels, start)}>
          Train probe on {plan.gallery} image{plan.gallery === 1 ? '' : 's'}
          {plan.camera > 0 ? ` + ${plan.camera} camera frame${plan.camera === 1 ? '' : 's'}` : ''}
        </button>
        {probe && !mismatch && (
          <button type="button" onClick={() => download(`probe-${probe.modelId.replace(/[^\w.-]+/g, '_')}.json`, 'application/json', probeToJson(probe))}>
            Export probe (JSON)
          </button>
        )}
        <button type="button" onClick={() => fileInput.current?.click()}>Import probe…</button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="probe-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
        {probe && (
          <button type="button" className="link" onClick={() => appState.probe.getState().setProbe(null)}>
            Remove probe
          </button>
        )}
      </div>
      {plan.classes < 2 && <p className="hint">Label images of at least two classes to train a probe.</p>}
      {training && <JobProgress label="Training the probe" done={training.done} total={training.total} onCancel={() => appState.probe.getState().cancel()} />}
      {error && <p className="error" role="alert">{error}</p>}
      {fileError && <p className="error" role="alert" data-testid="probe-file-error">{fileError}</p>}
      {probe && (
        <div className={`probe-status${mismatch ? ' stale' : ''}`} data-testid="probe-status">
          {mismatch ? (
            <p className="warning">Stale probe, not applied. {mismatch}</p>
          ) : (
            <p>
              <strong>{probe.source === 'imported' ? 'Imported probe' : 'Probe ready'}</strong>: {probe.classes.length} classes, {probe.examples} example{probe.examples === 1 ? '' : 's'}
              {probe.source === 'trained' && ` (${probe.trainedOn.gallery} gallery images, ${probe.trainedOn.camera} camera frames)`}, started from {probe.start === 'zero' ? 'zero' : 'the zero-shot weights'}
              {Number.isFinite(probe.c) && `, C = ${probe.c}`}
              {chosen ? `, chosen by cross-validation (accuracy ${formatAccuracy(chosen.accuracy)} on the held-out folds)` : probe.source === 'trained' ? ' (too few images per class to cross-validate: default C)' : ''}. It now also labels the gallery’s cards and, if you switch to it, the live camera.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
