/** "Model input" on a card: a dialog with the picture, what the model sees of it, and the model's input pixels. */
import { useEffect, useId, useRef, useState } from 'react';
import { useModelStore } from '../state';
import { CropOutline } from './CropOutline';
import { fitExplanation } from './fitText';
import { pixelValuesToRgba } from './pixels';
import { useModelInput } from './useModelInput';
import './modelInput.css';

interface Props {
  name: string;
  blob: Blob;
  url: string;
  width: number;
  height: number;
}

export function ModelInputButton(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="model-input-button" onClick={() => setOpen(true)} aria-label={`Model input of ${props.name}`} title="What the model sees of this image">
        Model input
      </button>
      {open && <ModelInputDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function ModelInputDialog({ name, blob, url, width, height, onClose }: Props & { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const input = useModelInput(name, blob);
  const fit = useModelStore((s) => s.imageFit);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // The dialog would focus its only control, Close, at the bottom (scrolled into view on a phone):
    // start at the title instead, with the picture under it.
    heading.current?.focus();
  }, []);

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (input.status !== 'ready' || !context) return;
    const rgba = pixelValuesToRgba(input.pixels, input.width, input.height, input.preprocessor);
    context.putImageData(new ImageData(rgba, input.width, input.height), 0, 0);
  }, [input]);

  const size = input.status === 'ready' ? `${input.width} × ${input.height}` : '';
  return (
    <dialog ref={dialog} className="model-input-dialog" aria-labelledby={titleId} onClose={onClose} data-testid="model-input-dialog">
      <h2 id={titleId} ref={heading} tabIndex={-1}>What the model sees</h2>
      <p className="model-input-name">{name}</p>
      <div className="model-input-pair">
        <figure>
          <div className="model-input-source">
            <img src={url} alt={name} />
            <CropOutline width={width} height={height} />
          </div>
          <figcaption>Your image, {width} × {height} pixels{fit === 'crop' ? ': the model sees the outlined part' : ''}</figcaption>
        </figure>
        <figure>
          <div className="model-input-pixels">
            {input.status === 'ready' && <canvas ref={canvas} width={input.width} height={input.height} data-testid="model-input-canvas" aria-label={`The model's input, ${size} pixels`} role="img" />}
            {input.status === 'loading' && <p className="pending">Preparing…</p>}
            {input.status === 'error' && <p className="error" role="alert">{input.message}</p>}
          </div>
          <figcaption>The image encoder’s input{size && `: ${size} pixels`}, exactly as the model gets it (colours un-normalised)</figcaption>
        </figure>
      </div>
      <p className="hint">{fitExplanation(fit, input.status === 'ready' ? input.width : null)}</p>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
