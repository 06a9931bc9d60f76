/** Lets the user force WASM or WebGPU, or a weight precision, instead of the automatic choice. */
import type { Precision } from '../../clip/modelSource';
import type { BackendChoice } from '../../../workers/api';
import { useModelStore } from '../state/modelStore';

export function BackendPicker() {
  const backendChoice = useModelStore((s) => s.backendChoice);
  const precisionChoice = useModelStore((s) => s.precisionChoice);
  const load = useModelStore((s) => s.load);
  const setPrecision = useModelStore((s) => s.setPrecision);
  const busy = useModelStore((s) => s.status === 'loading');
  return (
    <div className="backend-picker">
      <label>
        Backend{' '}
        <select value={backendChoice} disabled={busy} onChange={(e) => void load(undefined, e.target.value as BackendChoice)}>
          <option value="auto">Automatic</option>
          <option value="wasm">WASM (CPU)</option>
          <option value="webgpu">WebGPU</option>
        </select>
      </label>{' '}
      <label>
        Precision{' '}
        <select value={precisionChoice} disabled={busy} onChange={(e) => void setPrecision(e.target.value as Precision | 'auto')}>
          <option value="auto">Automatic</option>
          <option value="q8">8-bit</option>
          <option value="fp16">fp16</option>
          <option value="fp32">fp32</option>
        </select>
      </label>
    </div>
  );
}
