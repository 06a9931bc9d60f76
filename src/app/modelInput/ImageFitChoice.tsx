/**
 * How pictures become the model's square input: CLIP's reference centre crop, or the whole image
 * padded. A switch re-embeds every image (a new model generation; see workers/api.ts).
 */
import { useId } from 'react';
import { IMAGE_FITS } from '../../clip';
import { appState, useModelStore } from '../state';
import { FIT_NAMES, fitExplanation } from './fitText';
import './modelInput.css';

export function ImageFitChoice() {
  const fit = useModelStore((s) => s.imageFit);
  const size = useModelStore((s) => s.active?.model.imageSize.width ?? null);
  const name = useId();
  const { setImageFit } = appState.model.getState();
  return (
    <fieldset className="image-fit" data-testid="image-fit">
      <legend>What the model sees</legend>
      <div className="image-fit-options">
        {IMAGE_FITS.map((value) => (
          <label key={value}>
            <input type="radio" name={name} value={value} checked={fit === value} onChange={() => void setImageFit(value)} />
            {FIT_NAMES[value]}
            {value === 'crop' && <span className="hint"> (CLIP’s reference)</span>}
          </label>
        ))}
      </div>
      <p className="hint image-fit-help">{fitExplanation(fit, size)}</p>
    </fieldset>
  );
}
