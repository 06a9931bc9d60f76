/**
 * The app's state: the stores, made with their dependencies, so a test can make a fresh set with
 * a fake worker client. `src/app/state/index.ts` makes the app's one set and its React hooks.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { LoadRequest } from '../../../workers/api';
import type { ModelSource } from '../../clip/modelSource';
import type { SourceAssessment } from '../../clip/sourcePolicy';
import { DEFAULT_TEMPLATE } from '../labels/labels';
import { defaultLabels } from '../labels/defaultLabels';
import type { ClipClient } from '../worker/clipClient';
import { createGalleryStore, type GalleryState } from './galleryStore';
import { createLabelStore, type LabelSetup, type LabelState } from './labelStore';
import { createModelStore, type ModelState } from './modelStore';
import { createProbeStore, type ProbeState } from './probeStore';
import type { ProbeClient } from '../worker/probeClient';
import { createUiStore, type UiState } from './uiStore';
import { resolveLabels, type AppParams } from './urlParams';
import { presetById } from '../../clip';

export interface AppState {
  client: ClipClient;
  /** The first load's request, from the URL. */
  initialRequest: LoadRequest;
  initialModelId: string;
  model: StoreApi<ModelState>;
  labels: StoreApi<LabelState>;
  gallery: StoreApi<GalleryState>;
  ui: StoreApi<UiState>;
  /** The linear probe and its training (evaluation lab, camera). */
  probe: StoreApi<ProbeState>;
}

export interface AppStateDeps {
  client: ClipClient;
  /** The probe worker's client; made on first use (tests that do not train need none). */
  probeClient?: () => ProbeClient;
  params: AppParams;
  resolveSource?: (source: ModelSource) => Promise<ModelSource>;
  /** The model-source policy, asked before every load (src/clip/sourcePolicy.ts). */
  assess?: (request: LoadRequest) => SourceAssessment;
  now?: () => number;
  createObjectUrl?: (blob: Blob) => string;
  revokeObjectUrl?: (url: string) => void;
  makeThumbnail?: (file: Blob) => Promise<string | null>;
}

/** The labels a URL opens with: its labels or preset, else the model's defaults. */
export function initialLabelSetup(params: AppParams): LabelSetup {
  const { setup } = params;
  const labels = resolveLabels(setup) ?? defaultLabels(params.source.id);
  return {
    labelsText: labels.join('\n'),
    template: setup.template ?? DEFAULT_TEMPLATE,
    preset: setup.preset && presetById(setup.preset) && !setup.labels ? setup.preset : null,
    ensemble: setup.ensemble,
  };
}

export function createAppState({ client, probeClient = noProbeClient, params, resolveSource, assess, now, createObjectUrl, revokeObjectUrl, makeThumbnail }: AppStateDeps): AppState {
  const initialRequest: LoadRequest = {
    source: params.source,
    backend: params.backend,
    precision: params.precision,
    ...(params.threads !== null ? { threads: params.threads } : {}),
  };
  const model = createModelStore({ client, initial: initialRequest, resolveSource, assess, now });
  const currentGeneration = () => model.getState().active?.model.generation ?? null;
  return {
    client,
    initialRequest,
    initialModelId: params.source.id,
    model,
    labels: createLabelStore({ client, initial: initialLabelSetup(params), now }),
    gallery: createGalleryStore({ client, currentGeneration, createObjectUrl, revokeObjectUrl, makeThumbnail }),
    ui: createUiStore({ view: params.view, presenting: params.present }),
    probe: createProbeStore({ client: probeClient }),
  };
}

function noProbeClient(): ProbeClient {
  throw new Error('This app state was made without a probe worker');
}
