/** Lets the user force WASM or WebGPU, or a weight precision, instead of the automatic choice. */
import type { BackendChoice } from '../../../workers/api';
import type { Precision } from '../../clip/modelSource';
import { appState, useModelStore } from '../state';

export function BackendPicker() {
  // What the choices stand for: the load in progress, else the model in use, else the URL's.
  const backend = useModelStore((s) => (s.pending ?? s.active)?.request.backend ?? appState.initialRequest.backend);
  const precision = useModelStore((s) => (s.pending ?? s.active)?.request.precision ?? appState.initialRequest.precision ?? 'auto');
  const busy = useModelStore((s) => s.pending !== null);
  const { load } = appState.model.getState();
  return (
    <div className="backend-picker">
      <label>
        Backend{' '}
        <select value={backend} disabled={busy} onChange={(e) => void load({ backend: e.target.value as BackendChoice })}>
          <option value="auto">Automatic</option>
          <option value="wasm">WASM (CPU)</option>
          <option value="webgpu">WebGPU</option>
        </select>
      </label>{' '}
      <label>
        Precision{' '}
        <select value={precision} disabled={busy} onChange={(e) => void load({ precision: e.target.value as Precision | 'auto' })}>
          <option value="auto">Automatic</option>
          <option value="q8">8-bit</option>
          <option value="fp16">fp16</option>
          <option value="fp32">fp32</option>
        </select>
      </label>
    </div>
  );
}
