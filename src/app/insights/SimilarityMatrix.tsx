/**
 * The gallery's images × the labels as a heat map of cosine similarities (the figure of the CLIP
 * paper), or of each image's label probabilities; viridis colours, values printed in every cell.
 */
import { useId, useMemo } from 'react';
import { useGalleryStore, useLabelStore, useModelStore } from '../state';
import { gradientCss, normalise, sampleColormap, textColourOn, toHex } from './colormap';
import { encodedImages } from './images';
import { useInsightsStore } from './insightsStore';
import { cellValue, colourRange, formatValue, MAX_MATRIX_LABELS, rowBest, similarityTable, type MatrixMode } from './matrix';

const MODES: { id: MatrixMode; name: string }[] = [
  { id: 'cosine', name: 'Cosine similarity' },
  { id: 'probability', name: 'Probability (softmax per image)' },
];

export function SimilarityMatrix() {
  const items = useGalleryStore((s) => s.items);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  // Labels of another model than the one in use are being encoded again: not comparable.
  const encoded = useLabelStore((s) => (s.encoded && s.encoded.generation === generation ? s.encoded : null));
  const encoding = useLabelStore((s) => s.encoding);
  const mode = useInsightsStore((s) => s.mode);
  const setMode = useInsightsStore((s) => s.setMode);
  const name = useId();

  const images = useMemo(() => encodedImages(items, generation), [items, generation]);
  const table = useMemo(
    () => (encoded && images.length > 0 ? similarityTable(images.map((i) => i.embedding), encoded.embeddings, encoded.labels.length, encoded.dim, encoded.logitScale) : null),
    [images, encoded],
  );

  if (!encoded) {
    return <p className="insight-empty">{encoding ? 'Encoding the labels…' : 'Add labels (one per line, on the left) to compare them with the images.'}</p>;
  }
  if (!table) {
    const pending = items.some((i) => i.status === 'pending');
    return <p className="insight-empty">{pending ? 'The images are still being encoded…' : 'No images yet: add some in the Images view to fill the matrix.'}</p>;
  }

  const labels = encoded.labels.slice(0, MAX_MATRIX_LABELS);
  const range = colourRange(table, mode, labels.length);
  const best = images.map((_, r) => rowBest(table, r));

  return (
    <div className="similarity">
      <div className="matrix-controls">
        <fieldset className="matrix-mode">
          <legend>Show</legend>
          {MODES.map((m) => (
            <label key={m.id}>
              <input type="radio" name={name} value={m.id} checked={mode === m.id} onChange={() => setMode(m.id)} /> {m.name}
            </label>
          ))}
        </fieldset>
        <ColourLegend min={formatValue(range.min, mode)} max={formatValue(range.max, mode)} />
      </div>
      {encoded.labels.length > labels.length && (
        <p className="warning" role="status">
          Showing the first {labels.length} of {encoded.labels.length} labels. Probabilities are still over all {encoded.labels.length}.
        </p>
      )}
      <div className="matrix-scroll" role="region" aria-label="Similarity matrix (scrolls sideways)" tabIndex={0}>
        <table className="matrix" data-testid="similarity-matrix" data-mode={mode}>
          <caption>
            {mode === 'cosine'
              ? 'Cosine similarity of each image (rows) with the text embedding of each label (columns).'
              : 'Probability of each label for each image: softmax over 100 × cosine along the row, as in the gallery.'}{' '}
            <span className="hint">The highest value of each row is outlined: the image’s top label.</span>
          </caption>
          <thead>
            <tr>
              <th scope="col" className="matrix-corner">Image</th>
              {labels.map((label, c) => (
                <th key={c} scope="col" className="matrix-label" data-col={c} title={label}>
                  <span>{label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {images.map((image, r) => (
              <tr key={image.id}>
                <th scope="row" className="matrix-image" data-row={r} title={image.name}>
                  {image.url && <img src={image.url} alt="" width={32} height={32} />}
                  <span>{image.name}</span>
                </th>
                {labels.map((label, c) => {
                  const value = cellValue(table, mode, r, c);
                  const colour = sampleColormap(normalise(value, range.min, range.max));
                  const text = formatValue(value, mode);
                  const top = best[r] === c;
                  return (
                    <td
                      key={c}
                      data-row={r}
                      data-col={c}
                      className={top ? 'best' : undefined}
                      style={{ backgroundColor: toHex(colour), color: textColourOn(colour) }}
                      title={`${image.name} · ${label}: ${text}${top ? ' (top label)' : ''}`}
                    >
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ColourLegend({ min, max }: { min: string; max: string }) {
  return (
    <div className="matrix-legend">
      <span className="legend-value">{min}</span>
      <span className="legend-ramp" role="img" aria-label={`Colour scale (viridis): dark purple is ${min}, yellow is ${max}`} style={{ background: gradientCss() }} />
      <span className="legend-value">{max}</span>
    </div>
  );
}
