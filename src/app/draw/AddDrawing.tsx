/**
 * "Add to gallery": the pad's picture as a PNG, with the true label the student meant (for
 * evaluation) and a domain ('sketch' unless they say otherwise), so drawings can be scored
 * against photos in the distribution-shift lab.
 */
import { useId, useState, type RefObject } from 'react';
import { parseLabels } from '../labels/labels';
import { appState, useLabelStore } from '../state';
import { drawingFileName, DRAWING_DOMAINS } from './drawingFile';
import { usePadStore } from './padState';
import { isBlank } from './padHistory';

let drawingCount = 0;

export function AddDrawing({ canvasRef }: { canvasRef: RefObject<HTMLCanvasElement | null> }) {
  const labelsText = useLabelStore((s) => s.labelsText);
  const blank = usePadStore((s) => isBlank(s.history.ops));
  const [truth, setTruth] = useState('');
  const [domain, setDomain] = useState('sketch');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [adding, setAdding] = useState(false);
  const labels = parseLabels(labelsText);
  const truthId = useId();
  const domainId = useId();
  const domainsId = useId();
  const chosen = labels.includes(truth) ? truth : '';

  const add = async () => {
    const canvas = canvasRef.current;
    if (!canvas || blank) return;
    setAdding(true);
    setMessage(null);
    try {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('no PNG');
      const name = drawingFileName(++drawingCount, chosen || null);
      const kind = domain.trim() || null;
      void appState.gallery.getState().addImages([
        {
          file: new File([blob], name, { type: 'image/png' }),
          origin: 'drawing',
          truth: chosen ? { label: chosen, from: 'drawing' } : null,
          domain: kind,
          caption: chosen ? `a drawing of a ${chosen}` : null,
        },
      ]);
      setMessage({
        text: `Added ${name} to the gallery${chosen ? ` as “${chosen}”` : ' without a true label (it is left out of evaluation)'}${kind ? `, domain “${kind}”` : ''}.`,
        error: false,
      });
    } catch {
      setMessage({ text: 'The drawing could not be saved as a picture. Try again.', error: true });
    } finally {
      setAdding(false);
    }
  };

  return (
    <div className="add-drawing">
      <h3>Add to the gallery</h3>
      <div className="add-drawing-fields">
        <label htmlFor={truthId}>True label</label>
        <select id={truthId} value={chosen} onChange={(e) => setTruth(e.target.value)}>
          <option value="">(none)</option>
          {labels.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor={domainId}>Domain</label>
        <input id={domainId} type="text" list={domainsId} value={domain} onChange={(e) => setDomain(e.target.value)} autoComplete="off" spellCheck={false} />
        <datalist id={domainsId}>
          {DRAWING_DOMAINS.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
      </div>
      <button type="button" className="primary" onClick={() => void add()} disabled={blank || adding}>
        Add to gallery
      </button>
      {blank && <p className="hint">Draw something first.</p>}
      {message && (
        <p className={message.error ? 'error' : 'hint'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
