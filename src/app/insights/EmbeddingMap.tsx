/**
 * Images and labels in CLIP's shared embedding space, projected together onto their two principal
 * axes (PCA) as an SVG scatter plot: images as thumbnails in squares, labels as dots with text.
 */
import { useMemo, useRef } from 'react';
import { useGalleryStore, useLabelStore, useModelStore } from '../state';
import { layoutFor, layoutPoints, MAX_MAP_LABELS, modalityCosines, projectTogether } from './embeddingMap';
import { encodedImages } from './images';
import { stackRows } from './matrix';
import { useElementWidth } from './useElementWidth';

/** Thumbnail size in view units. */
const THUMB = 28;
/** The frame's margin around the points' area: thumbnails at the edge stay inside it. */
const FRAME = THUMB / 2 + 2;
/** About the width of one character of a label (11 px sans-serif, styles.css) in the map's units. */
const LABEL_CHAR_WIDTH = 6.6;
/** Beyond this many labels the map shows dots only (names on hover and in the table). */
const MAX_NAMED_LABELS = 60;

const percent = (f: number) => `${Math.round(f * 100)}%`;

export function EmbeddingMap() {
  const items = useGalleryStore((s) => s.items);
  const generation = useModelStore((s) => s.active?.model.generation ?? null);
  // Labels of another model than the one in use are being encoded again: not comparable.
  const encoded = useLabelStore((s) => (s.encoded && s.encoded.generation === generation ? s.encoded : null));
  const box = useRef<HTMLDivElement>(null);
  const available = useElementWidth(box);

  const images = useMemo(() => encodedImages(items, generation), [items, generation]);
  const labelCount = encoded ? Math.min(encoded.labels.length, MAX_MAP_LABELS) : 0;
  const map = useMemo(() => {
    if (!encoded || images.length === 0 || labelCount === 0) return null;
    const vectors = images.map((i) => i.embedding);
    const projection = projectTogether(vectors, encoded.embeddings, labelCount, encoded.dim);
    const stats = modalityCosines(stackRows(vectors, encoded.dim), images.length, encoded.embeddings, labelCount, encoded.dim);
    return { projection, stats };
  }, [images, encoded, labelCount]);
  const named = labelCount <= MAX_NAMED_LABELS;
  const options = useMemo(() => layoutFor(available, named), [available, named]);
  const layout = useMemo(() => (map ? layoutPoints(map.projection.points, options) : null), [map, options]);

  if (!encoded || !map || !layout) {
    const what = !encoded ? 'labels (on the left)' : 'images (in the Images view)';
    return (
      <div ref={box} className="map-box">
        <p className="insight-empty">The map needs at least one image and one label: add {what}.</p>
      </div>
    );
  }

  const { projection, stats } = map;
  const labels = encoded.labels.slice(0, labelCount);
  const [ex1, ex2] = projection.explained;
  const summary =
    `Embedding map of ${images.length} image${images.length === 1 ? '' : 's'} and ${labels.length} label${labels.length === 1 ? '' : 's'}, ` +
    `projected with PCA: the horizontal axis explains ${percent(ex1)} of the variance, the vertical one ${percent(ex2)}.`;
  const { padding } = options;
  const pad = { left: padding.left, right: layout.width - padding.right, top: padding.top, bottom: layout.height - padding.bottom };

  return (
    <div ref={box} className="map-box">
      <figure className="embedding-map">
        {encoded.labels.length > labels.length && (
          <p className="warning" role="status">
            Showing the first {labels.length} of {encoded.labels.length} labels.
          </p>
        )}
        <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={summary} data-testid="embedding-map">
          <rect className="map-frame" x={pad.left - FRAME} y={pad.top - FRAME} width={pad.right - pad.left + 2 * FRAME} height={pad.bottom - pad.top + 2 * FRAME} />
          <text className="map-axis" x={(pad.left + pad.right) / 2} y={layout.height - 10} textAnchor="middle">
            PC 1 · {percent(ex1)} of the variance
          </text>
          <text className="map-axis" transform={`translate(16 ${(pad.top + pad.bottom) / 2}) rotate(-90)`} textAnchor="middle">
            PC 2 · {percent(ex2)}
          </text>
          {projection.points.map((p) => {
            const { x, y } = layout.toView(p.x, p.y);
            if (p.kind === 'label') {
              // A label that would run past the frame's right edge is written to the left of its dot,
              // if there is more room there.
              const runsOver = x + 8 + LABEL_CHAR_WIDTH * (labels[p.index]?.length ?? 0) > pad.right + FRAME;
              const leftward = runsOver && x - pad.left > pad.right - x;
              return (
                <g key={`l${p.index}`} className="map-point map-label" data-testid="map-point" data-kind="label">
                  <title>{`Label: ${labels[p.index]}`}</title>
                  <circle cx={x} cy={y} r={5} />
                  {named && (
                    <text x={leftward ? x - 8 : x + 8} y={y + 4} textAnchor={leftward ? 'end' : 'start'}>
                      {labels[p.index]}
                    </text>
                  )}
                </g>
              );
            }
            // The points index the images and labels this render's projection was made from.
            const image = images[p.index]!;
            return (
              <g key={`i${image.id}`} className="map-point map-image" data-testid="map-point" data-kind="image">
                <title>{`Image: ${image.name}`}</title>
                {image.url && <image href={image.url} x={x - THUMB / 2} y={y - THUMB / 2} width={THUMB} height={THUMB} preserveAspectRatio="xMidYMid slice" />}
                <rect className={image.url ? undefined : 'filled'} x={x - THUMB / 2} y={y - THUMB / 2} width={THUMB} height={THUMB} />
              </g>
            );
          })}
        </svg>
        <figcaption>
          <ul className="map-legend" aria-label="Legend">
            <li>
              <svg viewBox="0 0 14 14" aria-hidden="true" className="map-image">
                <rect x={1.5} y={1.5} width={11} height={11} className="filled" />
              </svg>
              Image (thumbnail in a square)
            </li>
            <li>
              <svg viewBox="0 0 14 14" aria-hidden="true" className="map-label">
                <circle cx={7} cy={7} r={5} />
              </svg>
              Label (dot{named ? ' with its text' : ''})
            </li>
          </ul>
          <p>
            {summary} Both kinds of points live in the same space, yet the images and the texts usually form two separate clusters:
            the <strong>modality gap</strong>. Even a matching image and label are closer to their own kind than to each other, which
            is why a good match has a modest cosine (about 0.3 for OpenAI’s CLIP). Zero-shot classification only asks which label
            is nearest to an image, not how near.
          </p>
          {stats.imageLabel !== null && (
            <p className="hint" data-testid="modality-cosines">
              Average cosine similarity:
              {stats.imageImage !== null && ` image–image ${stats.imageImage.toFixed(2)},`}
              {stats.labelLabel !== null && ` label–label ${stats.labelLabel.toFixed(2)},`} image–label {stats.imageLabel.toFixed(2)}.
            </p>
          )}
        </figcaption>
        <details className="map-table">
          <summary>Coordinates as a table</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Name</th>
                <th scope="col">PC 1</th>
                <th scope="col">PC 2</th>
              </tr>
            </thead>
            <tbody>
              {projection.points.map((p) => (
                <tr key={`${p.kind}${p.index}`}>
                  <td>{p.kind === 'image' ? 'Image' : 'Label'}</td>
                  <th scope="row">{p.kind === 'image' ? images[p.index]!.name : labels[p.index]}</th>
                  <td>{p.x.toFixed(3)}</td>
                  <td>{p.y.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
    </div>
  );
}
