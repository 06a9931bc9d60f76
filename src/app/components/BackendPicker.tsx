/** Lets the user force WASM or WebGPU instead of the automatic choice. */
import type { BackendChoice } from '../../../workers/api';
import { useModelStore } from '../state/modelStore';

export function BackendPicker() {
  const backendChoice = useModelStore((s) => s.backendChoice);
  const load = useModelStore((s) => s.load);
  const busy = useModelStore((s) => s.status === 'loading');
  return (
    <label className="backend-picker">
      Backend{' '}
      <select value={backendChoice} disabled={busy} onChange={(e) => void load(undefined, e.target.value as BackendChoice)}>
        <option value="auto">Automatic</option>
        <option value="wasm">WASM (CPU)</option>
        <option value="webgpu">WebGPU</option>
      </select>
    </label>
  );
}
