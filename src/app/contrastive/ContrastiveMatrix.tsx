/**
 * The paper's figure on the class's pictures: images I1…IN down the side, captions T1…TN across,
 * the true pairs on the outlined diagonal, each row's and column's cross-entropy at its end.
 * Every cell carries its exact value (`data-value`) so the numbers can be checked.
 */
import { formatPercent } from '../components/format';
import { gradientCss, normalise, sampleColormap, textColourOn, toHex } from '../insights/colormap';
import type { BatchPair } from './batch';
import { useContrastiveStore } from './contrastiveState';
import { cellValue, formatLoss, type ContrastiveMode, type ContrastiveTable } from './matrix';

const CAPTIONS: Record<ContrastiveMode, string> = {
  cosine: 'Cosine similarity of each image embedding (rows) with each caption embedding (columns).',
  'image-to-text': 'Image → text: each row is a softmax over the captions of logit scale × cosine; the row loss is −log of its diagonal cell.',
  'text-to-image': 'Text → image: each column is a softmax over the images of logit scale × cosine; the column loss is −log of its diagonal cell.',
};

function format(value: number, mode: ContrastiveMode): string {
  if (mode !== 'cosine') return formatPercent(value);
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

function range(table: ContrastiveTable, mode: ContrastiveMode): { min: number; max: number } {
  if (mode !== 'cosine') return { min: 0, max: 1 };
  let min = Infinity;
  let max = -Infinity;
  for (const v of table.cosines) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { min, max };
}

export function ContrastiveMatrix({ pairs, table }: { pairs: readonly BatchPair[]; table: ContrastiveTable }) {
  const mode = useContrastiveStore((s) => s.mode);
  const { min, max } = range(table, mode);
  const { loss } = table;
  const rowLossesShown = mode !== 'text-to-image';
  const columnLossesShown = mode !== 'image-to-text';
  return (
    <>
      <div className="matrix-legend contrastive-legend">
        <span className="legend-value">{format(min, mode)}</span>
        <span className="legend-ramp" role="img" aria-label={`Colour scale (viridis): dark purple is ${format(min, mode)}, yellow is ${format(max, mode)}`} style={{ background: gradientCss() }} />
        <span className="legend-value">{format(max, mode)}</span>
      </div>
      <div className="matrix-scroll" role="region" aria-label="Contrastive matrix (scrolls sideways)" tabIndex={0}>
        <table className="matrix contrastive-matrix" data-testid="contrastive-matrix" data-mode={mode} data-logit-scale={loss.logitScale}>
          <caption>
            {CAPTIONS[mode]} <span className="hint">The outlined diagonal holds the true pairs.</span>
          </caption>
          <thead>
            <tr>
              <th scope="col" className="matrix-corner">Image \ caption</th>
              {table.columns.map((column, c) => (
                <th key={c} scope="col" className="caption-head" data-col={c} title={column.caption}>
                  <span className="index">T{c + 1}</span>
                  <span className="caption-text" data-testid="caption-column">{column.caption}</span>
                  {column.truncated && <span className="hint"> (cut at 77 tokens)</span>}
                </th>
              ))}
              {rowLossesShown && (
                <th scope="col" className="loss-head">
                  Row loss
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {pairs.map((pair, r) => (
              <tr key={pair.id}>
                <th scope="row" className="matrix-image" data-row={r} title={pair.name}>
                  <span className="index">I{r + 1}</span>
                  {pair.url && <img src={pair.url} alt={pair.name} width={40} height={40} />}
                </th>
                {table.columns.map((column, c) => {
                  const value = cellValue(table, mode, r, c);
                  const colour = sampleColormap(normalise(value, min, max));
                  const text = format(value, mode);
                  const diagonal = r === c;
                  return (
                    <td
                      key={c}
                      data-row={r}
                      data-col={c}
                      data-value={value}
                      className={diagonal ? 'pair' : undefined}
                      style={{ backgroundColor: toHex(colour), color: textColourOn(colour) }}
                      title={`I${r + 1} (${pair.name}) · T${c + 1} (“${column.caption}”): ${text}${diagonal ? ' — the pair the batch claims' : ''}`}
                    >
                      {text}
                    </td>
                  );
                })}
                {rowLossesShown && (
                  <td className="loss" data-testid="row-loss" data-value={loss.rowLosses[r]}>
                    {formatLoss(loss.rowLosses[r]!)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          {columnLossesShown && (
            <tfoot>
              <tr>
                <th scope="row" className="loss-head">
                  Column loss
                </th>
                {table.columns.map((_, c) => (
                  <td key={c} className="loss" data-testid="column-loss" data-value={loss.columnLosses[c]}>
                    {formatLoss(loss.columnLosses[c]!)}
                  </td>
                ))}
                {rowLossesShown && <td />}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </>
  );
}
