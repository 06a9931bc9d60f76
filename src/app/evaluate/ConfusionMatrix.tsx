/**
 * True × predicted counts, coloured by the share of the true class's images (viridis, readable
 * with any colour vision), counts printed in every cell. A cell is a button: it shows its images.
 */
import { gradientCss, sampleColormap, textColourOn, toHex } from '../insights/colormap';
import type { EvalRow } from './evaluationSet';
import { useLabStore } from './labStore';
import { confusionMatrix } from './metrics';

/** Beyond this many classes the matrix is unreadable; the per-class table still lists them all. */
export const MAX_CONFUSION_CLASSES = 40;

export function ConfusionMatrix({ rows, labels }: { rows: readonly EvalRow[]; labels: readonly string[] }) {
  const cell = useLabStore((s) => s.cell);
  const setCell = useLabStore((s) => s.setCell);
  const { classes, counts } = confusionMatrix(rows, labels);
  const shown = classes.slice(0, MAX_CONFUSION_CLASSES);
  const cellRows = cell ? rows.filter((r) => r.truth === cell.truth && r.predicted === cell.predicted) : [];
  return (
    <section aria-labelledby="confusion-title">
      <h2 id="confusion-title">Confusion matrix</h2>
      <div className="matrix-legend">
        <span className="legend-value">0%</span>
        <span className="legend-ramp" role="img" aria-label="Colour scale (viridis): share of the true class's images, dark purple 0%, yellow 100%" style={{ background: gradientCss() }} />
        <span className="legend-value">100% of the row</span>
      </div>
      {classes.length > shown.length && (
        <p className="warning" role="status">
          Showing the first {shown.length} of {classes.length} classes (true or predicted); the exported summary has them all.
        </p>
      )}
      <div className="matrix-scroll" role="region" aria-label="Confusion matrix (scrolls sideways)" tabIndex={0}>
        <table className="matrix confusion" data-testid="confusion-matrix">
          <caption>
            Rows: true class. Columns: zero-shot prediction. The diagonal holds the right answers; click a cell to see its images.
          </caption>
          <thead>
            <tr>
              <th scope="col" className="matrix-corner">True ↓ · Predicted →</th>
              {shown.map((c) => (
                <th key={c} scope="col" className="matrix-label" title={c}>
                  <span>{c}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((truth, t) => {
              const total = counts[t]!.reduce((a, b) => a + b, 0);
              return (
                <tr key={truth}>
                  <th scope="row" className="matrix-image" title={truth}>
                    <span>{truth}</span>
                  </th>
                  {shown.map((predicted, p) => {
                    const count = counts[t]![p]!;
                    const colour = sampleColormap(total === 0 ? 0 : count / total);
                    const selected = cell?.truth === truth && cell.predicted === predicted;
                    return (
                      <td key={predicted} data-truth={truth} data-predicted={predicted} className={t === p ? 'diagonal' : undefined} style={{ backgroundColor: toHex(colour), color: textColourOn(colour) }}>
                        {count > 0 ? (
                          <button
                            type="button"
                            className="cell-button"
                            aria-pressed={selected}
                            aria-label={`${count} image${count === 1 ? '' : 's'} of ${truth} predicted as ${predicted}`}
                            onClick={() => setCell(selected ? null : { truth, predicted })}
                          >
                            {count}
                          </button>
                        ) : (
                          <span aria-label={`no image of ${truth} predicted as ${predicted}`}>0</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {cell && (
        <div className="cell-images" data-testid="cell-images">
          <div className="cell-images-head">
            <h3>
              {cellRows.length} image{cellRows.length === 1 ? '' : 's'} of “{cell.truth}” predicted as “{cell.predicted}”
            </h3>
            <button type="button" onClick={() => setCell(null)}>Close</button>
          </div>
          <ul>
            {cellRows.map((r) => (
              <li key={r.id}>
                {r.url && <img src={r.url} alt="" />}
                <span title={r.name}>{r.name}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
