/** A running job's progress bar with Cancel (training, curves, prompt encodes). */
export function JobProgress({ label, done, total, onCancel }: { label: string; done: number; total: number; onCancel: () => void }) {
  return (
    <div className="job-progress" role="status">
      <span>{label}</span>
      <progress max={Math.max(total, 1)} value={done} aria-label={label} />
      <span className="job-count">
        {done} / {total}
      </span>
      <button type="button" onClick={onCancel}>Cancel</button>
    </div>
  );
}
