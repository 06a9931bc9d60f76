/// <reference lib="webworker" />
/**
 * The CLIP worker: owns the model and its sessions; the page only sends commands and gets
 * embeddings back, so inference never blocks the UI.
 */
import * as Comlink from 'comlink';
import type { BackendNotice, Capabilities, ClipWorkerApi, FileProgress, LoadRequest } from './api';
import { detectCapabilities } from './backend';
import { ClipModel } from './clipModel';

let capabilities: Promise<Capabilities> | null = null;
/** The current model, or its load in progress: requests made while it loads wait for it. */
let model: Promise<ClipModel> | null = null;
let loadController: AbortController | null = null;
/** Text encodes that can be cancelled, by channel: a new encode on a channel replaces the old one. */
const textControllers = new Map<string, AbortController>();

async function requireModel(): Promise<ClipModel> {
  if (!model) throw new Error('No model is loaded yet');
  try {
    return await model;
  } catch (error) {
    throw new Error(`The model is not available: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

const api: ClipWorkerApi = {
  capabilities() {
    capabilities ??= detectCapabilities();
    return capabilities;
  },
  async loadModel(request: LoadRequest, onProgress: (p: FileProgress) => void, onNotice: (n: BackendNotice) => void) {
    const previous = model;
    loadController?.abort();
    const controller = new AbortController();
    loadController = controller;
    const loading = (async () => {
      await previous?.then((m) => m.dispose()).catch(() => undefined);
      try {
        return await ClipModel.load(request, await api.capabilities(), onProgress, onNotice, controller.signal);
      } catch (error) {
        throw controller.signal.aborted ? new Error('Download cancelled', { cause: error }) : error;
      }
    })();
    model = loading;
    return (await loading).info;
  },
  cancelLoad() {
    loadController?.abort();
  },
  async encodeImages(images) {
    return (await requireModel()).encodeImages(images);
  },
  async preprocessImages(images) {
    return (await requireModel()).preprocessImages(images);
  },
  async encodeFrame(frame) {
    return (await requireModel()).encodeFrame(frame);
  },
  async encodeTexts(texts, onProgress, channel) {
    const controller = new AbortController();
    if (channel) {
      textControllers.get(channel)?.abort();
      textControllers.set(channel, controller);
    }
    try {
      return await (await requireModel()).encodeTexts(texts, onProgress, controller.signal);
    } finally {
      if (channel && textControllers.get(channel) === controller) textControllers.delete(channel);
      // The page's progress callback came as a Comlink proxy over its own MessagePort: close it.
      (onProgress as Partial<Record<typeof Comlink.releaseProxy, () => void>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },
  cancelTexts(channel) {
    textControllers.get(channel)?.abort();
  },
};

// onnxruntime's WASM threads are workers started from the same script: they must not expose the API.
if (!self.name?.startsWith('em-pthread')) Comlink.expose(api);
