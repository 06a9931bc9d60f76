/** What the worker client reports outside any call, to the model store (no React). */
import type { AppState } from './appState';

export function listenToWorker(state: AppState): () => void {
  return state.client.onEvent((event) => {
    const model = state.model.getState();
    switch (event.type) {
      case 'model-changed':
        return model.modelChanged(event.model, event.message);
      case 'worker-restarting':
        return model.workerRestarting(event.message);
      case 'worker-restarted':
        return model.workerRestarted(event.model, event.message);
      case 'worker-failed':
        return model.workerFailed(event.message);
    }
  });
}
