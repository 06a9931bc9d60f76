/** Accuracy of each true class, with counts, as a table with bars. */
import type { EvalRow } from './evaluationSet';
import { formatCount, perClassAccuracy } from './metrics';

export function PerClass({ rows, labels }: { rows: readonly EvalRow[]; labels: readonly string[] }) {
  const classes = perClassAccuracy(rows, labels);
  return (
    <section aria-labelledby="per-class-title">
      <h2 id="per-class-title">Per class</h2>
      <div className="table-scroll">
        <table className="eval-table" data-testid="per-class">
          <thead>
            <tr>
              <th scope="col">True class</th>
              <th scope="col">Right / images</th>
              <th scope="col" className="bar-cell">
                <span className="visually-hidden">Accuracy bar</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {classes.map((c) => (
              <tr key={c.label} data-class={c.label}>
                <th scope="row">{c.label}</th>
                <td className="num">{formatCount(c)}</td>
                <td className="bar-cell" aria-hidden="true">
                  <span className="bar">
                    <span style={{ width: `${(100 * c.correct) / c.total}%` }} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
