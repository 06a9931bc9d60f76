/**
 * Loading a model: its configs and tokenizer, then its two sessions on the backend this browser
 * should use. If WebGPU fails while the sessions are made, WASM takes over and the model says why
 * (`fallbackReason`); a failed download is not a GPU problem and fails the load.
 */
import { catalogEntry, ClipTokenizer, parsePreprocessorConfig, PreprocessorConfigError, type PreprocessorConfig } from '../../src/clip';
import { CONFIG_FILES, onnxFileName } from '../../src/clip/modelSource';
import type { Capabilities, LoadRequest } from '../api';
import { planBackend, wasmThreads } from '../backend';
import { ClipError } from '../errors';
import { recordVerification } from '../verification';
import { fetchConfigs, invalidFile, type ModelConfigs, type ModelFiles, type ReadOptions } from '../modelFiles';
import type { OrtRuntime } from '../ort';
import { ClipModel } from './clipModel';
import { TowerRunner } from './towerRunner';
import { TowerSessions } from './towerSessions';

export interface LoadContext {
  runtime: OrtRuntime;
  files: ModelFiles;
  capabilities: Capabilities;
  /** The generation of the loaded model. */
  generation: number;
  /** A new generation for a later backend change (a lost GPU). */
  nextGeneration: () => number;
  /** Told when the model moved to another backend after its load. */
  onBackendChanged: (model: ClipModel, message: string) => void;
  read?: ReadOptions;
  /** In-memory text cache entries (per backend). */
  textCacheLimit?: number;
}

export async function loadClipModel(request: LoadRequest, context: LoadContext): Promise<ClipModel> {
  // A failed load stops its other downloads: they would go on (and retry) in the background while
  // the user's Retry downloads the same files again.
  const downloads = new AbortController();
  const stop = () => downloads.abort();
  const { signal } = context.read ?? {};
  if (signal?.aborted) stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return await loadAndKeep(request, { ...context, read: { ...context.read, signal: downloads.signal } });
  } catch (error) {
    stop();
    await context.files.discard?.(error); // nothing unproven is kept; a cached copy to blame is dropped
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

async function loadAndKeep(request: LoadRequest, context: LoadContext): Promise<ClipModel> {
  const started = performance.now();
  const { runtime, capabilities: caps, read = {} } = context;
  // Every read goes through the recorder, so the model can say which files were checked.
  const recorded = recordVerification(context.files);
  const files = recorded.files;
  const configs = await fetchConfigs(files, read);
  const preprocessor = parsePreprocessor(configs.preprocessor);
  const contextLength = textContextLength(configs);
  const tokenizer = makeTokenizer(configs, contextLength);

  const wasmTowers = catalogEntry(request.source.id)?.wasm;
  const threads = request.threads ?? wasmThreads(caps);
  let plan = planBackend(request.backend, caps, request.precision, wasmTowers);
  let fallbackReason = plan.note;
  // A device lost before the model exists is handed to its runner once it does.
  const late: { runner?: TowerRunner; model?: ClipModel; lostEarly?: string } = {};
  const onDeviceLost = (reason: string) => (late.runner ? late.runner.deviceLost(reason) : (late.lostEarly ??= reason));
  let sessions: TowerSessions;
  try {
    sessions = await TowerSessions.create({ files, plan, runtime, threads, read, onDeviceLost });
  } catch (error) {
    if (plan.backend !== 'webgpu' || read.signal?.aborted || isDownloadFailure(error)) throw error;
    fallbackReason = `WebGPU failed (${error instanceof Error ? error.message : String(error)}); using WASM instead`;
    plan = planBackend('wasm', caps, 'auto', wasmTowers);
    sessions = await TowerSessions.create({ files, plan, runtime, threads, read, onDeviceLost: () => undefined });
  }
  await keepUsedFiles(files, sessions);

  const runner = new TowerRunner(
    { sessions, generation: context.generation, fallbackReason },
    {
      files,
      runtime,
      capabilities: caps,
      threads,
      wasmTowers,
      nextGeneration: context.nextGeneration,
      onBackendChanged: (_backend, message) => late.model && context.onBackendChanged(late.model, message),
    },
  );
  const model = new ClipModel(runner, {
    source: request.source,
    preprocessor,
    imageFit: request.imageFit ?? 'crop',
    tokenizer,
    embeddingDim: Number(configs.config.projection_dim ?? 0),
    contextLength,
    loadMs: Math.round(performance.now() - started),
    textCacheLimit: context.textCacheLimit,
    verification: recorded.report,
  });
  late.model = model;
  late.runner = runner;
  if (late.lostEarly !== undefined) runner.deviceLost(late.lostEarly);
  return model;
}

/**
 * The load worked: the files it used may be kept. An unpinned text tower must prove itself too,
 * so its session (on WASM otherwise made on first use) is made now; if it cannot be, the load fails.
 */
async function keepUsedFiles(files: ModelFiles, sessions: TowerSessions): Promise<void> {
  const { plan } = sessions;
  const towers = [onnxFileName('vision', plan.vision), onnxFileName('text', plan.precision)];
  try {
    if (!sessions.textReady && files.awaitsProof?.(onnxFileName('text', plan.precision))) await sessions.text();
  } catch (error) {
    await sessions.release();
    throw error;
  }
  await files.keep?.([...Object.values(CONFIG_FILES), ...towers]);
}

/** Downloads that failed or were cancelled are not the GPU's fault: WASM would fail the same way. */
function isDownloadFailure(error: unknown): boolean {
  return error instanceof ClipError && ['network', 'http', 'integrity', 'limit', 'cancelled'].includes(error.kind);
}

function parsePreprocessor(json: unknown): PreprocessorConfig {
  try {
    return parsePreprocessorConfig(json);
  } catch (error) {
    // PreprocessorConfigError messages already say "Invalid preprocessor_config.json: …".
    const message = error instanceof PreprocessorConfigError ? error.message : `Invalid ${CONFIG_FILES.preprocessor}: ${String(error)}`;
    throw invalidFile(CONFIG_FILES.preprocessor, message, error);
  }
}

function makeTokenizer(configs: ModelConfigs, contextLength: number): ClipTokenizer {
  try {
    return ClipTokenizer.fromJson(configs.tokenizer, configs.tokenizerConfig, contextLength);
  } catch (error) {
    // fetchConfigs made sure both files hold JSON objects: what is left is tokenizer.json's content.
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidFile(CONFIG_FILES.tokenizer, `The tokenizer could not be made: ${reason}`, error);
  }
}

function textContextLength(configs: ModelConfigs): number {
  const text = configs.config.text_config as Record<string, unknown> | undefined;
  return Number(text?.max_position_embeddings ?? 77);
}
