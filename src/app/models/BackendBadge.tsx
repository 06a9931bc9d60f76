/** Where the model in use runs: backend, threads, weight precision. */
import type { LoadedModel } from '../../../workers/api';

export function BackendBadge({ model }: { model: LoadedModel }) {
  const where = model.backend === 'webgpu' ? 'WebGPU' : `WASM · ${model.threads} thread${model.threads === 1 ? '' : 's'}`;
  const precision = model.visionPrecision === model.precision ? precisionName(model.precision) : `image ${precisionName(model.visionPrecision)}, text ${precisionName(model.precision)}`;
  return (
    <span className="backend" data-testid="backend">
      {where} · {precision}
    </span>
  );
}

function precisionName(precision: string): string {
  return precision === 'q8' ? '8-bit' : precision;
}
