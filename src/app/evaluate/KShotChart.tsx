/**
 * Linear probe vs zero-shot: held-out accuracy of probes trained on k = 1, 2, 4 … images per class
 * (averaged over seeded random splits), with zero-shot accuracy on the same images as a horizontal
 * line: where the curve crosses it is how many labelled examples zero-shot is worth (the paper's
 * figure: zero-shot CLIP matched a 4-shot probe on average).
 */
import type { KShotCurve } from '../../clip/probe';
import { useLabStore, CURVE_SPLITS } from './labStore';
import { JobProgress } from './JobProgress';
import type { Evaluation } from './useEvaluation';

const W = 560;
const H = 280;
const PAD = { left: 48, right: 16, top: 14, bottom: 40 };

export function KShotChart({ evaluation }: { evaluation: Evaluation }) {
  const curve = useLabStore((s) => s.curve);
  const job = useLabStore((s) => s.job);
  const error = useLabStore((s) => (s.error?.job === 'curve' ? s.error.message : null));
  const bothCurves = useLabStore((s) => s.bothCurves);
  const { rows, labels, key } = evaluation;
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.truth, (counts.get(r.truth) ?? 0) + 1);
  const single = [...counts].filter(([, n]) => n < 2).map(([label]) => label);
  const usable = rows.filter((r) => (counts.get(r.truth) ?? 0) >= 2);
  const classes = counts.size - single.length;
  const curveKey = `${key}|${bothCurves}`;
  const fresh = curve?.key === curveKey;
  const draw = () => labels && void useLabStore.getState().drawCurve(curveKey, usable, labels);

  return (
    <section aria-labelledby="kshot-title">
      <h2 id="kshot-title">Linear probe vs zero-shot</h2>
      <p className="hint">
        For k = 1, 2, 4 … labelled images per class, a probe is trained on k random images of each class (C chosen by cross-validation within them) and tested on the rest, {CURVE_SPLITS} times with different draws. The dashed line is zero-shot on the same images, choosing among the same classes.
      </p>
      <div className="actions">
        <label className="toggle">
          <input type="checkbox" checked={bothCurves} onChange={(e) => useLabStore.getState().setBothCurves(e.target.checked)} /> Also a probe started from the zero-shot weights
        </label>
        <button type="button" className="primary" disabled={classes < 2 || job !== null || !labels} onClick={draw}>
          {fresh ? 'Draw again' : 'Draw the k-shot curve'}
        </button>
      </div>
      {single.length > 0 && (
        <p className="warning" data-testid="single-image-classes">
          {single.map((l) => `“${l}”`).join(', ')} {single.length === 1 ? 'has' : 'have'} only one image: the curve needs two per class (one to train, one to test), so {single.length === 1 ? 'it is' : 'they are'} left out of it.
        </p>
      )}
      {classes < 2 && <p className="hint">The curve needs at least two classes with two images or more.</p>}
      {job?.kind === 'curve' && <JobProgress label="Training probes" done={job.done} total={job.total} onCancel={() => useLabStore.getState().cancel()} />}
      {error && <p className="error" role="alert">{error}</p>}
      {curve && !fresh && <p className="hint">The images or labels changed since this curve was drawn: draw it again to update it.</p>}
      {curve && <Chart curves={curve.curves} classes={curve.classes.length} />}
    </section>
  );
}

function Chart({ curves, classes }: { curves: KShotCurve[]; classes: number }) {
  const points = curves[0]?.points ?? [];
  if (points.length === 0) return <p className="hint">Not enough images per class for a curve (k needs one more image per class than it trains on).</p>;
  const maxK = Math.max(...points.map((p) => p.k));
  const x = (k: number) => PAD.left + (maxK === 1 ? 0.5 : Math.log2(k) / Math.log2(maxK)) * (W - PAD.left - PAD.right);
  const y = (a: number) => PAD.top + (1 - a) * (H - PAD.top - PAD.bottom);
  // The zero-shot line: its accuracy on all the curve's images (each k's held-out images vary a little).
  const zeroShot = points.reduce((s, p) => s + p.zeroShot, 0) / points.length;
  const overtakes = points.find((p) => p.accuracy > zeroShot);
  // Where the probe first matches zero-shot (the paper's "zero-shot matches a k-shot probe").
  const matches = points.find((p) => p.accuracy >= zeroShot);
  const description = `${curves.map((c) => `Probe from ${c.start === 'zero' ? 'zero' : 'the zero-shot weights'}: ${c.points.map((p) => `k=${p.k} ${(100 * p.accuracy).toFixed(0)}%`).join(', ')}`).join('. ')}. Zero-shot ${(100 * zeroShot).toFixed(0)}%.`;
  return (
    <figure className="kshot" data-testid="kshot-curve" data-zero-shot={zeroShot.toFixed(4)}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`k-shot curve over ${classes} classes. ${description}`}>
        {[0, 0.25, 0.5, 0.75, 1].map((a) => (
          <g key={a} className="kshot-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(a)} y2={y(a)} />
            <text x={PAD.left - 6} y={y(a) + 4} textAnchor="end">{`${a * 100}%`}</text>
          </g>
        ))}
        {points.map((p) => (
          <text key={p.k} className="kshot-axis" x={x(p.k)} y={H - PAD.bottom + 16} textAnchor="middle">
            {p.k}
          </text>
        ))}
        <text className="kshot-axis" x={(W + PAD.left) / 2} y={H - 6} textAnchor="middle">
          labelled images per class (k)
        </text>
        <line className="kshot-zero-shot" x1={PAD.left} x2={W - PAD.right} y1={y(zeroShot)} y2={y(zeroShot)} data-testid="zero-shot-line" />
        <text className="kshot-zero-shot-label" x={W - PAD.right} y={y(zeroShot) - 6} textAnchor="end">
          zero-shot {(100 * zeroShot).toFixed(0)}%
        </text>
        {curves.map((c) => (
          <g key={c.start} className={`kshot-series ${c.start}`} data-start={c.start}>
            <polyline points={c.points.map((p) => `${x(p.k)},${y(p.accuracy)}`).join(' ')} />
            {c.points.map((p) => (
              <circle key={p.k} cx={x(p.k)} cy={y(p.accuracy)} r={4} data-k={p.k} data-accuracy={p.accuracy.toFixed(4)}>
                <title>{`k = ${p.k}: ${(100 * p.accuracy).toFixed(1)}% (splits: ${p.accuracies.map((a) => (100 * a).toFixed(0)).join(', ')}%; C: ${p.cs.join(', ')}; ${p.testImages} test images)`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="map-legend">
          <li className="legend-probe">━ probe from zero</li>
          {curves.some((c) => c.start === 'zero-shot') && <li className="legend-probe-zs">━ probe from the zero-shot weights</li>}
          <li className="legend-zero-shot">┅ zero-shot CLIP</li>
        </ul>
        <p data-testid="kshot-verdict">
          {overtakes
            ? `The probe from zero overtakes zero-shot at k = ${overtakes.k} labelled image${overtakes.k === 1 ? '' : 's'} per class.`
            : matches
              ? `The probe from zero matches zero-shot at k = ${matches.k} labelled image${matches.k === 1 ? '' : 's'} per class, and does not overtake it up to k = ${maxK}.`
              : `Up to k = ${maxK}, the probe from zero stays below zero-shot: zero-shot is worth more than ${maxK} labelled image${maxK === 1 ? '' : 's'} per class here.`}
        </p>
      </figcaption>
    </figure>
  );
}
