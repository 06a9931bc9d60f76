/**
 * The two onnxruntime sessions of one model on one backend. On WASM the text session is made on
 * first use (or when the worker is idle) rather than at load: a warm start reads its label
 * embeddings from IndexedDB, so the first result only needs the image tower, and creating a
 * session blocks the worker's thread for a good part of a second.
 */
import { onnxFileName } from '../../src/clip/modelSource';
import type { BackendPlan } from '../backend';
import { downloadCancelled } from '../download';
import { ClipError } from '../errors';
import { fetchTowerFile, invalidFile, type ModelFiles, type ReadOptions } from '../modelFiles';
import { holdingThread } from '../liveness';
import { externalizeWeights, WEIGHTS_FILE } from './externalWeights';
import type { GpuLease, OrtModule, OrtRuntime, OrtSession, SessionOptions } from '../ort';

export interface SessionsRequest {
  files: ModelFiles;
  plan: BackendPlan;
  runtime: OrtRuntime;
  /** WASM threads to ask for. */
  threads: number;
  /** Signal and progress for the downloads. */
  read?: ReadOptions;
  /** WebGPU: called when the device is lost after the sessions were made. */
  onDeviceLost: (reason: string) => void;
}

export class TowerSessions {
  private textSession: OrtSession | null;
  private pendingText: Promise<OrtSession> | null = null;
  private released = false;

  private constructor(
    readonly ort: OrtModule,
    readonly plan: BackendPlan,
    /** WASM threads onnxruntime actually uses (0 on WebGPU). */
    readonly threads: number,
    readonly vision: OrtSession,
    private textBytes: Uint8Array | null,
    text: OrtSession | null,
    /** Cheap fingerprint of the text tower's file: a regenerated model must not reuse old embeddings. */
    readonly textFingerprint: string,
    private readonly options: SessionOptions,
    /** WebGPU: the device these sessions run on. */
    private readonly gpu: GpuLease | null,
    private readonly mountsWeights: boolean,
    /** Frees file bytes this object is done with (ModelFiles.release). */
    private readonly releaseBytes: (bytes: Uint8Array) => void,
  ) {
    this.textSession = text;
  }

  static async create({ files, plan, runtime, threads: requestedThreads, read = {}, onDeviceLost }: SessionsRequest): Promise<TowerSessions> {
    const ort = await runtime.load(plan.backend);
    ort.env.wasm.numThreads = requestedThreads;
    const gpu = plan.backend === 'webgpu' ? await runtime.prepareGpu(plan.precision, onDeviceLost) : null;
    try {
      const options = sessionOptions(plan, runtime, requestedThreads, gpu);
      // One tower at a time: the text file is read only once the image session is made and its
      // bytes freed, so a tower's bytes are never held while the other's session is being made
      // (second visit, one photo's peak 538 → 514–520 MB, the load's own 479–491 MB: BENCHMARKS.md).
      // It costs the time of making the image session, which the text download used to overlap.
      const create = (bytes: Uint8Array, file: string) => createSession(ort, bytes, options, file, runtime.mountsWeights);
      const releaseBytes = (bytes: Uint8Array) => files.release?.(bytes);
      const visionBytes = await fetchTowerFile(files, 'vision', plan.vision, read);
      const vision = await create(visionBytes, onnxFileName('vision', plan.vision));
      releaseBytes(visionBytes); // onnxruntime has its own copy of the weights now
      let textBytes: Uint8Array;
      let textFingerprint: string;
      let text: OrtSession | null;
      try {
        // Cancelled while the image session was made: read nothing more.
        if (read.signal?.aborted) throw downloadCancelled(onnxFileName('text', plan.precision));
        textBytes = await fetchTowerFile(files, 'text', plan.precision, read);
        textFingerprint = fingerprint(textBytes);
        // WebGPU makes both now, so a GPU that cannot run the text tower falls back to WASM at load.
        text = plan.backend === 'webgpu' ? await create(textBytes, onnxFileName('text', plan.precision)) : null;
        if (text) releaseBytes(textBytes);
      } catch (error) {
        await vision.release();
        throw error;
      }
      // Without cross-origin isolation onnxruntime quietly drops to one thread: report what it uses.
      const threads = plan.backend === 'wasm' ? Number(ort.env.wasm.numThreads ?? 1) : 0;
      return new TowerSessions(ort, plan, threads, vision, text ? null : textBytes, text, textFingerprint, options, gpu, runtime.mountsWeights, releaseBytes);
    } catch (error) {
      gpu?.release();
      throw error;
    }
  }

  get textReady(): boolean {
    return this.textSession !== null;
  }

  async text(): Promise<OrtSession> {
    if (this.textSession) return this.textSession;
    if (this.released) throw new ClipError({ kind: 'internal', message: 'The model was released' });
    const bytes = this.textBytes!;
    this.pendingText ??= createSession(this.ort, bytes, this.options, onnxFileName('text', this.plan.precision), this.mountsWeights).then(
      (session) => {
        this.textSession = session;
        this.textBytes = null;
        this.releaseBytes(bytes);
        return session;
      },
      (error: unknown) => {
        this.pendingText = null; // the next use tries again
        throw error;
      },
    );
    return this.pendingText;
  }

  /** Releases both sessions; later calls do nothing (a lost GPU's sessions are released once). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    // A text session being made still reads them: its completion frees them.
    if (this.textBytes && !this.pendingText) this.releaseBytes(this.textBytes);
    this.textBytes = null;
    this.gpu?.release();
    await this.vision.release();
    const text = this.textSession ?? (this.pendingText ? await this.pendingText.catch(() => null) : null);
    await text?.release();
  }
}

function sessionOptions(plan: BackendPlan, runtime: OrtRuntime, threads: number, gpu: GpuLease | null): SessionOptions {
  return {
    graphOptimizationLevel: 'all',
    // With one WASM thread per core, threads spinning between operators take the cores the
    // browser's own threads (image decoding, compositing) need: the vision tower measured ~5% faster
    // with 2 threads on 2 cores without spinning (BENCHMARKS.md).
    extra: { session: { intra_op: { allow_spinning: '0' } } },
    ...runtime.sessionOptions(plan.backend, threads, gpu),
  };
}

/**
 * A session from a tower file; a file onnxruntime cannot use is an invalid model naming it.
 * Where the runtime takes weights from memory, they go in as external data (externalWeights.ts:
 * half the WASM heap); if onnxruntime refuses that, the file is used whole.
 * Making one holds the worker's thread for seconds on a slow phone: the page's supervisor is told.
 */
async function createSession(ort: OrtModule, bytes: Uint8Array, options: SessionOptions, file: string, mountsWeights: boolean): Promise<OrtSession> {
  const split = mountsWeights ? externalizeWeights(bytes) : null;
  if (split) {
    try {
      return await holdingThread(() => ort.InferenceSession.create(split.graph, { ...options, externalData: [{ path: WEIGHTS_FILE, data: bytes }] }));
    } catch {
      // Tried again with the whole file below: that one's error is the one to report.
    }
  }
  try {
    return await holdingThread(() => ort.InferenceSession.create(bytes, options));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidFile(file, `${file} could not be loaded by onnxruntime: ${reason}`, error);
  }
}

/** Length plus FNV-1a over up to 64 evenly spaced 1 KB samples: fast even for 250 MB. */
function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  const samples = 64;
  const step = Math.max(1024, Math.floor(bytes.length / samples));
  for (let start = 0; start < bytes.length; start += step) {
    const end = Math.min(bytes.length, start + 1024);
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  }
  return `${bytes.length}-${(hash >>> 0).toString(16)}`;
}
