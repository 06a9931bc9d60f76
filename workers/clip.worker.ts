/// <reference lib="webworker" />
/**
 * The CLIP worker: owns the model and its sessions; the page only sends commands and gets
 * embeddings back, so inference never blocks the UI. The contract is workers/api.ts, implemented
 * by workerApi.ts; this file only wires in the browser's parts and exposes it with Comlink.
 */
import * as Comlink from 'comlink';
import { detectCapabilities } from './backend';
import { reportLivenessTo } from './liveness';
import { cachedModelFiles } from './modelFiles';
import { webOrtRuntime } from './ort';
import { startPulse } from './pulse';
import { createClipWorkerApi } from './workerApi';

// onnxruntime's WASM threads are workers started from the same script: they must not expose the API.
if (!self.name?.startsWith('em-pthread')) {
  reportLivenessTo((message) => self.postMessage(message));
  startPulse();
  Comlink.expose(createClipWorkerApi({ runtime: webOrtRuntime, modelFiles: cachedModelFiles, detectCapabilities }));
}
