/**
 * Training the app's probe from what is labelled now: the evaluated gallery images and the camera
 * frames recorded for the model in use. Shared by the Evaluation view and the camera view.
 */
import { appState } from '../state';
import type { ProbeStart } from '../../clip/probe';
import type { LabelEmbeddings } from '../state/labelStore';
import { modelInfoOf } from '../state/useModelInfo';
import type { CameraExample } from '../state/probeStore';
import { buildProbeInput, type Labelled } from './probeInput';

export interface TrainingPlan {
  examples: Labelled[];
  gallery: number;
  camera: number;
  classes: number;
}

export function trainingPlan(galleryRows: readonly Labelled[], cameraExamples: readonly CameraExample[], labels: LabelEmbeddings | null, model: { id: string; dim: number } | null): TrainingPlan {
  const known = new Set(labels?.labels ?? []);
  const camera = cameraExamples.filter((e) => model && e.modelId === model.id && e.dim === model.dim && known.has(e.label));
  const examples = [...galleryRows, ...camera.map((e) => ({ embedding: e.embedding, label: e.label }))];
  return { examples, gallery: galleryRows.length, camera: camera.length, classes: new Set(examples.map((e) => e.label)).size };
}

export async function trainAppProbe(plan: TrainingPlan, labels: LabelEmbeddings, start: ProbeStart): Promise<void> {
  const model = modelInfoOf(appState.model.getState().active);
  if (!model) return;
  const built = buildProbeInput(plan.examples, labels);
  await appState.probe.getState().train({ input: built.input, start, modelId: model.id, trainedOn: { gallery: plan.gallery, camera: plan.camera } });
}
