/**
 * The camera's linear probe, Teachable-Machine style: hold a button to record the frames the
 * camera sees as examples of a class (their embeddings, already computed by the live loop, are
 * kept: nothing is encoded twice), train the probe on them (and on the gallery's labelled images),
 * and switch the live labels between zero-shot and the probe.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { appState, useProbeStore } from '../state';
import type { LabelEmbeddings } from '../state/labelStore';
import { MAX_EXAMPLES_PER_CLASS } from '../state/probeStore';
import { useModelInfo } from '../state/useModelInfo';
import { JobProgress } from '../evaluate/JobProgress';
import { trainAppProbe, trainingPlan } from '../evaluate/trainProbe';
import { useEvaluation } from '../evaluate/useEvaluation';
import { LiveModeSwitch, type LiveMode } from '../components/LiveModeSwitch';

export type { LiveMode };

interface Props {
  labels: LabelEmbeddings | null;
  /** The latest live frame's embedding (model in use), or null. */
  frame: { embedding: Float32Array } | null;
  mode: LiveMode;
  setMode: (mode: LiveMode) => void;
  /** Whether a probe applies to the model in use. */
  probeReady: boolean;
  cameraOn: boolean;
}

/** Milliseconds between recorded frames while "Hold to record" is held: 5 a second. */
const RECORD_EVERY_MS = 200;

export function CameraProbe({ labels, frame, mode, setMode, probeReady, cameraOn }: Props) {
  const examples = useProbeStore((s) => s.examples);
  const training = useProbeStore((s) => s.training);
  const error = useProbeStore((s) => s.error);
  const model = useModelInfo();
  const evaluation = useEvaluation();
  const names = labels?.labels ?? [];
  const [target, setTarget] = useState<string>('');
  const [recording, setRecording] = useState(false);
  const lastFrame = useRef<unknown>(null);
  const id = useId();
  const label = names.includes(target) ? target : (names[0] ?? '');

  const lastRecordedAt = useRef(-Infinity);
  // A new frame while the button is held becomes an example of the class, at most one per
  // RECORD_EVERY_MS: the demo model labels ~50 frames a second, which filled a class's 100 in 2 s with
  // near-copies; spaced out, the 100 take 20 s or more and see the object turned and moved.
  useEffect(() => {
    if (!recording || !frame || frame === lastFrame.current || !model || !label) return;
    lastFrame.current = frame;
    const now = performance.now();
    if (now - lastRecordedAt.current < RECORD_EVERY_MS) return;
    lastRecordedAt.current = now;
    // Refused beyond MAX_EXAMPLES_PER_CLASS (said below).
    appState.probe.getState().addExample({ label, embedding: frame.embedding, modelId: model.id, dim: model.dim });
  }, [recording, frame, label, model]);

  const mine = examples.filter((e) => model && e.modelId === model.id && e.dim === model.dim);
  const counts = new Map<string, number>();
  for (const e of mine) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  const plan = trainingPlan(evaluation.rows.map((r) => ({ embedding: r.embedding, label: r.truth })), examples, labels, model);

  const startRecording = () => {
    if (!cameraOn || !label) return;
    lastRecordedAt.current = -Infinity; // the first frame of a hold is kept at once
    setRecording(true);
  };
  const stopRecording = () => setRecording(false);
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
      e.preventDefault();
      startRecording();
    }
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      stopRecording();
    }
  };
  const train = async () => {
    if (!labels) return;
    await trainAppProbe(plan, labels, 'zero');
    if (appState.probe.getState().probe && !appState.probe.getState().error) setMode('probe');
  };

  return (
    <div className="camera-probe" aria-label="Linear probe on the camera">
      <LiveModeSwitch mode={mode} setMode={setMode} probeReady={probeReady} howToTrain="Record examples below and train, or train a probe in the Evaluation tab." />
      <div className="record-row">
        <label htmlFor={`${id}-class`}>Record as</label>
        <select id={`${id}-class`} value={label} onChange={(e) => setTarget(e.target.value)} disabled={names.length === 0}>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
              {counts.get(n) ? ` (${counts.get(n)})` : ''}
            </option>
          ))}
        </select>
        <button
          type="button"
          className={`hold${recording ? ' recording' : ''}`}
          aria-pressed={recording}
          disabled={!cameraOn || !label}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture?.(e.pointerId);
            startRecording();
          }}
          onPointerUp={stopRecording}
          onPointerCancel={stopRecording}
          onLostPointerCapture={stopRecording}
          onKeyDown={onKeyDown}
          onKeyUp={onKeyUp}
          onBlur={stopRecording}
          onContextMenu={(e) => e.preventDefault()}
        >
          {recording ? `Recording “${label}”…` : 'Hold to record'}
        </button>
      </div>
      {(counts.get(label) ?? 0) >= MAX_EXAMPLES_PER_CLASS && (
        <p className="warning" role="status">
          “{label}” has {MAX_EXAMPLES_PER_CLASS} recorded frames, the most kept per class: more are not added.
        </p>
      )}
      <p className="recorded" data-testid="recorded">
        {mine.length === 0
          ? 'No frames recorded yet.'
          : `Recorded: ${[...counts].map(([n, c]) => `${n} ${c}`).join(', ')}.`}
        {mine.length > 0 && (
          <button type="button" className="link" onClick={() => appState.probe.getState().clearExamples()}>
            Forget recorded frames
          </button>
        )}
      </p>
      <div className="actions">
        <button type="button" className="primary" disabled={plan.classes < 2 || training !== null} onClick={() => void train()}>
          Train probe ({plan.camera} frame{plan.camera === 1 ? '' : 's'}
          {plan.gallery > 0 ? ` + ${plan.gallery} gallery image${plan.gallery === 1 ? '' : 's'}` : ''})
        </button>
        {plan.classes < 2 && <span className="hint">Record (or label) at least two classes.</span>}
      </div>
      {training && <JobProgress label="Training the probe" done={training.done} total={training.total} onCancel={() => appState.probe.getState().cancel()} />}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
