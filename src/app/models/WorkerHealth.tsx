/**
 * The worker behind the model, when it is not simply running: restarting after it died (the
 * results in progress come once it is back), or stopped after dying too often, with Retry.
 */
import { useModelStore } from '../state';
import './workerHealth.css';

/** In the status line, in place of the backend badge while the worker is not running. */
export function WorkerStateBadge({ state }: { state: 'restarting' | 'failed' }) {
  if (state === 'failed') {
    return (
      <span className="backend stopped" data-testid="model-stopped">
        Stopped
      </span>
    );
  }
  return (
    <span className="backend restarting" data-testid="model-restarting">
      <span className="spinner" aria-hidden="true" /> Restarting…
    </span>
  );
}

export function WorkerHealthMessage() {
  const worker = useModelStore((s) => s.worker);
  const restartWorker = useModelStore((s) => s.restartWorker);
  if (worker.state === 'restarting') {
    return (
      <p className="notice" role="status" data-testid="worker-restarting">
        {worker.message}
      </p>
    );
  }
  if (worker.state === 'failed') {
    return (
      <div className="error" role="alert" data-testid="worker-failed">
        <p>{worker.message}</p>
        <div className="actions">
          <button type="button" onClick={restartWorker}>
            Retry
          </button>
        </div>
      </div>
    );
  }
  return null;
}
