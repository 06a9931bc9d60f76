/** The drawing's top labels, updated while it is drawn, zero-shot or from the linear probe. */
import { LiveModeSwitch, type LiveMode } from '../components/LiveModeSwitch';
import { ScoreBars } from '../components/ScoreBars';
import type { LabelScore } from '../gallery/scores';
import { useLabelStore, useModelStore } from '../state';
import type { LiveDrawing } from './useLiveDrawing';

interface Props {
  live: LiveDrawing;
  scores: LabelScore[] | null;
  blank: boolean;
  setMode: (mode: LiveMode) => void;
  /** The scores come from the probe (chosen, and it applies to the model in use). */
  byProbe: boolean;
  /** A probe applies to the model in use. */
  probeReady: boolean;
}

export function LiveDrawingLabels({ live, scores, blank, setMode, byProbe, probeReady }: Props) {
  const hasLabels = useLabelStore((s) => s.encoded !== null && s.encoded.labels.length > 0) || byProbe;
  const ready = useModelStore((s) => s.active !== null);
  let note: string | null = null;
  if (!ready) note = 'Waiting for the model…';
  else if (blank) note = 'Draw something: the labels follow as you draw.';
  else if (!hasLabels) note = 'Add labels (on the left) to see what the drawing looks like to CLIP.';
  else if (!scores) note = 'Classifying…';
  return (
    <div className="live-drawing" data-testid="drawing-labels" aria-busy={live.busy}>
      <h3>
        Live labels{' '}
        {live.latencyMs !== null && scores && (
          <span className="hint" data-testid="drawing-latency">
            {Math.round(live.latencyMs)} ms
          </span>
        )}
      </h3>
      {byProbe && (
        <p className="live-mode-badge" data-testid="drawing-mode">
          Linear probe
        </p>
      )}
      {/* Not a live region: it changes with every stroke; screen-reader users read it when they want. */}
      {note ? <p className="hint">{note}</p> : scores && <ScoreBars scores={scores} />}
      {live.error && (
        <p className="error" role="alert">
          {live.error}
        </p>
      )}
      <LiveModeSwitch
        mode={byProbe ? 'probe' : 'zero-shot'}
        setMode={setMode}
        probeReady={probeReady}
        legend="Scored by"
        howToTrain="Train a linear probe in the Evaluation tab (or on the camera) to compare it here."
      />
    </div>
  );
}
