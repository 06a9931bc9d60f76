/**
 * Robustness under distribution shift, reproduced in class: accuracy per domain for zero-shot CLIP
 * and for a probe trained on one domain only (the stand-in for "supervised on ImageNet photos"),
 * with the drop from that domain; beside it, the paper's published figures.
 */
import { useLabStore } from './labStore';
import { PAPER_SHIFT } from './paperShift';
import { JobProgress } from './JobProgress';
import { domainAccuracy, formatAccuracy, formatCount, NO_DOMAIN, ratio } from './metrics';
import type { Evaluation } from './useEvaluation';


const points = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`);

export function ShiftTable({ evaluation }: { evaluation: Evaluation }) {
  const shift = useLabStore((s) => s.shift);
  const job = useLabStore((s) => s.job);
  const error = useLabStore((s) => (s.error?.job === 'shift' ? s.error.message : null));
  const chosen = useLabStore((s) => s.trainDomain);
  const { rows, labels, key } = evaluation;
  const zeroShot = domainAccuracy(rows);
  const domains = zeroShot.map((d) => d.domain);
  const trainDomain = chosen && domains.includes(chosen) ? chosen : defaultDomain(domains);
  const shiftKey = `${key}|${trainDomain}`;
  const fresh = shift?.key === shiftKey ? shift.result : null;
  const trainZs = ratio(zeroShot.find((d) => d.domain === trainDomain) ?? { correct: 0, total: 0 });
  const probeRow = (domain: string) => fresh?.rows.find((r) => r.domain === domain) ?? null;
  const trainProbe = (() => {
    const r = trainDomain ? probeRow(trainDomain) : null;
    return r && r.probeTested > 0 ? r.probeCorrect / r.probeTested : null;
  })();
  const run = () => labels && trainDomain && void useLabStore.getState().runShift(shiftKey, rows, labels, trainDomain, (r) => r.domain ?? NO_DOMAIN);

  return (
    <section aria-labelledby="shift-title">
      <h2 id="shift-title">Distribution shift</h2>
      <p className="hint">
        Images carry a domain (the folder above the class folder, e.g. <code>sketch/dog/1.png</code>, the drawing pad, or set on the card). The probe is trained on half of one domain’s images only; the other half tests it there, and every image of the other domains tests how far it carries.
      </p>
      {domains.length < 2 ? (
        <p className="hint" data-testid="shift-needs-domains">
          {domains.length === 0 ? 'No evaluated images yet.' : `All evaluated images are in one domain (${domains[0]}): add images of another domain (a folder such as sketch/<class>/…) to compare.`}
        </p>
      ) : (
        <div className="actions">
          <label>
            Train the probe on{' '}
            <select value={trainDomain ?? ''} onChange={(e) => useLabStore.getState().setTrainDomain(e.target.value)} aria-label="Domain the probe is trained on">
              {domains.map((d) => (
                <option key={d} value={d}>{d}</option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" disabled={job !== null} onClick={run}>
            {fresh ? 'Train again' : 'Train on this domain and compare'}
          </button>
        </div>
      )}
      {job?.kind === 'shift' && <JobProgress label="Training the one-domain probe" done={job.done} total={job.total} onCancel={() => useLabStore.getState().cancel()} />}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="shift-tables">
        <div className="table-scroll">
          <table className="eval-table" data-testid="shift-table">
            <caption>Your images, top-1 accuracy per domain{fresh ? ` (probe: ${fresh.trainImages} images of “${fresh.trainDomain}”, C = ${fresh.c})` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">Probe on “{trainDomain ?? '…'}”</th>
                <th scope="col">Zero-shot CLIP</th>
                <th scope="col">Δ (zero-shot − probe)</th>
              </tr>
            </thead>
            <tbody>
              {zeroShot.map((d) => {
                const p = probeRow(d.domain);
                const probeAcc = p && p.probeTested > 0 ? p.probeCorrect / p.probeTested : null;
                const zs = ratio(d);
                return (
                  <tr key={d.domain} data-domain={d.domain} className={d.domain === trainDomain ? 'train-domain' : undefined}>
                    <th scope="row">{d.domain}{d.domain === trainDomain ? ' (trained on)' : ''}</th>
                    <td className="num" data-cell="probe">
                      {p ? `${p.probeCorrect} / ${p.probeTested} · ${formatAccuracy(probeAcc)}` : '–'}
                      {p && d.domain !== trainDomain && <span className="drop"> ({points(probeAcc !== null && trainProbe !== null ? probeAcc - trainProbe : null)})</span>}
                    </td>
                    <td className="num" data-cell="zero-shot">
                      {formatCount(d)}
                      {d.domain !== trainDomain && <span className="drop"> ({points(zs !== null && trainZs !== null ? zs - trainZs : null)})</span>}
                    </td>
                    <td className="num" data-cell="delta">{points(zs !== null && probeAcc !== null ? zs - probeAcc : null)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="hint">In brackets: the drop from the domain trained on, in percentage points.{fresh && fresh.unknownClass > 0 ? ` ${fresh.unknownClass} images of classes the training domain lacks are left out of the probe's column.` : ''}</p>
        </div>
        <div className="table-scroll">
          <table className="eval-table paper-table" data-testid="paper-table">
            <caption>
              The paper’s figures: top-1 %, ResNet-101 trained on ImageNet vs zero-shot CLIP (Radford et al., “Learning transferable visual models from natural language supervision”, ICML 2021)
            </caption>
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">ImageNet ResNet-101</th>
                <th scope="col">Zero-shot CLIP</th>
                <th scope="col">Δ</th>
              </tr>
            </thead>
            <tbody>
              {PAPER_SHIFT.map((p) => (
                <tr key={p.dataset}>
                  <th scope="row">{p.dataset}</th>
                  <td className="num">{p.resnet.toFixed(1)}</td>
                  <td className="num">{p.clip.toFixed(1)}</td>
                  <td className="num">{points((p.clip - p.resnet) / 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

/** The "ImageNet photos" of the class's data when a name says so, else the largest domain. */
function defaultDomain(domains: readonly string[]): string | null {
  return domains.find((d) => /^(photos?|plain|real|natural|original|clean)$/i.test(d)) ?? domains[0] ?? null;
}
