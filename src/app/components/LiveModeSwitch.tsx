/**
 * Where live labels come from (the camera's, the drawing pad's): CLIP's zero-shot scores against
 * the typed labels, or the linear probe trained on image embeddings. The probe choice is disabled
 * until a probe applies to the model in use.
 */
import { useId } from 'react';
import './liveModeSwitch.css';

export type LiveMode = 'zero-shot' | 'probe';

interface Props {
  /** The mode in effect (zero-shot whenever no probe applies). */
  mode: LiveMode;
  setMode: (mode: LiveMode) => void;
  /** Whether a probe applies to the model in use. */
  probeReady: boolean;
  /** What to do to get a probe, shown while there is none. */
  howToTrain: string;
  legend?: string;
}

export function LiveModeSwitch({ mode, setMode, probeReady, howToTrain, legend = 'Live labels from' }: Props) {
  const name = useId();
  return (
    <fieldset className="live-mode">
      <legend>{legend}</legend>
      <label>
        <input type="radio" name={name} checked={mode === 'zero-shot'} onChange={() => setMode('zero-shot')} /> zero-shot
      </label>
      <label>
        <input type="radio" name={name} checked={mode === 'probe'} disabled={!probeReady} onChange={() => setMode('probe')} /> linear probe
      </label>
      {!probeReady && <span className="hint">{howToTrain}</span>}
    </fieldset>
  );
}
