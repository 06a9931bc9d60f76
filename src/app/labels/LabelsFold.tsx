/**
 * On a phone the label editor comes after the results, folded to one line that says how many
 * labels there are (styles.css puts it last); elsewhere it is shown as it is.
 */
import { useState, type ReactNode } from 'react';
import { PHONE_LAYOUT, useMediaQuery } from '../components/useMediaQuery';
import { useLabelStore } from '../state';
import { parseLabels } from './labels';

export function LabelsFold({ children }: { children: ReactNode }) {
  const phone = useMediaQuery(PHONE_LAYOUT);
  const [open, setOpen] = useState(false);
  const labelsText = useLabelStore((s) => s.labelsText);
  if (!phone) return <div className="labels-fold">{children}</div>;
  const labels = parseLabels(labelsText);
  const preview = labels.slice(0, 3).join(', ') + (labels.length > 3 ? ', …' : '');
  return (
    <details className="labels-fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary data-testid="labels-summary">
        <span className="labels-fold-title">Labels · {labels.length}</span>
        {!open && labels.length > 0 && <span className="labels-fold-preview">{preview}</span>}
      </summary>
      {children}
    </details>
  );
}
