/** CSV of per-image predictions and JSON of the summary, for a spreadsheet or a report. */
import { useProbeStore } from '../state';
import { useModelInfo } from '../state/useModelInfo';
import { probeMismatch, probeScores } from '../state/probe';
import { download, predictionsCsv, summaryJson } from './exportFiles';
import { useLabStore } from './labStore';
import type { Evaluation } from './useEvaluation';

export function ExportButtons({ evaluation }: { evaluation: Evaluation }) {
  const probe = useProbeStore((s) => s.probe);
  const model = useModelInfo();
  const { rows, labels, key } = evaluation;
  if (rows.length === 0 || !labels) return null;
  const usableProbe = probe && !probeMismatch(probe, model) ? probe : null;
  const csv = () => {
    const predictions = usableProbe ? new Map(rows.map((r) => [r.id, probeScores(usableProbe, r.embedding, 1)[0]?.label ?? ''])) : undefined;
    download('clip-evaluation.csv', 'text/csv', predictionsCsv(rows, predictions));
  };
  const json = () => {
    const lab = useLabStore.getState();
    const fresh = <T extends { key: string }>(x: T | null) => (x && x.key === key ? x : null);
    download(
      'clip-evaluation.json',
      'application/json',
      summaryJson(rows, {
        modelId: model?.id ?? null,
        labels: labels.labels,
        template: labels.setup.template,
        ensemble: labels.setup.ensemble,
        prompts: fresh(lab.prompts)?.results ?? null,
        curves: fresh(lab.curve)?.curves ?? null,
        shift: fresh(lab.shift)?.result ?? null,
      }),
    );
  };
  return (
    <div className="actions eval-export">
      <button type="button" onClick={csv}>Export predictions (CSV)</button>
      <button type="button" onClick={json}>Export summary (JSON)</button>
    </div>
  );
}
