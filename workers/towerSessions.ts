/**
 * The two onnxruntime sessions of one model on one backend. On WASM the text session is made on
 * first use (or when the worker is idle) rather than at load: a warm start reads its label
 * embeddings from IndexedDB, so the first result only needs the image tower, and creating a
 * session blocks the worker's thread for a good part of a second.
 */
import type * as Ort from 'onnxruntime-web';
import type { Precision } from '../src/clip/modelSource';
import type { Capabilities } from './api';
import { wasmThreads, type BackendPlan } from './backend';
import { fetchTowerFile, type FetchContext } from './modelFiles';
import { loadOrt, type OrtModule } from './ort';

export class TowerSessions {
  private textSession: Ort.InferenceSession | null;
  private pendingText: Promise<Ort.InferenceSession> | null = null;

  private constructor(
    readonly ort: OrtModule,
    readonly plan: BackendPlan,
    /** WASM threads onnxruntime actually uses (0 on WebGPU). */
    readonly threads: number,
    readonly vision: Ort.InferenceSession,
    private textBytes: Uint8Array | null,
    text: Ort.InferenceSession | null,
    /** Cheap fingerprint of the text tower's file: a regenerated model must not reuse old embeddings. */
    readonly textFingerprint: string,
  ) {
    this.textSession = text;
  }

  static async create(
    context: FetchContext,
    plan: BackendPlan,
    caps: Capabilities,
    onDeviceLost: (reason: string) => void,
    requestedThreads?: number,
  ): Promise<TowerSessions> {
    const ort = await loadOrt(plan.backend);
    ort.env.wasm.numThreads = requestedThreads ?? wasmThreads(caps);
    if (plan.backend === 'webgpu') await createOwnGpuDevice(ort, plan.precision, onDeviceLost);
    // Both downloads start now; the image session is built while the text file still arrives.
    const textFile = fetchTowerFile(context, 'text', plan.precision);
    textFile.catch(() => undefined); // awaited below; a failure must not surface as unhandled first
    const vision = await ort.InferenceSession.create(await fetchTowerFile(context, 'vision', plan.vision), sessionOptions(plan));
    let textBytes: Uint8Array;
    let text: Ort.InferenceSession | null;
    try {
      textBytes = await textFile;
      // WebGPU makes both now, so a GPU that cannot run the text tower falls back to WASM at load.
      text = plan.backend === 'webgpu' ? await ort.InferenceSession.create(textBytes, sessionOptions(plan)) : null;
    } catch (error) {
      await vision.release();
      throw error;
    }
    // Without cross-origin isolation onnxruntime quietly drops to one thread: report what it uses.
    const threads = plan.backend === 'wasm' ? Number(ort.env.wasm.numThreads ?? 1) : 0;
    return new TowerSessions(ort, plan, threads, vision, text ? null : textBytes, text, fingerprint(textBytes));
  }

  get textReady(): boolean {
    return this.textSession !== null;
  }

  async text(): Promise<Ort.InferenceSession> {
    if (this.textSession) return this.textSession;
    this.pendingText ??= this.ort.InferenceSession.create(this.textBytes!, sessionOptions(this.plan)).then(
      (session) => {
        this.textSession = session;
        this.textBytes = null;
        return session;
      },
      (error: unknown) => {
        this.pendingText = null; // the next use tries again
        throw error;
      },
    );
    return this.pendingText;
  }

  async release(): Promise<void> {
    await this.vision.release();
    const text = this.textSession ?? (this.pendingText ? await this.pendingText.catch(() => null) : null);
    await text?.release();
  }
}

function sessionOptions(plan: BackendPlan): Ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [plan.backend],
    graphOptimizationLevel: 'all',
    // With one WASM thread per core, threads spinning between operators take the cores the
    // browser's own threads (image decoding, compositing) need: the vision tower measured ~5% faster
    // with 2 threads on 2 cores without spinning (BENCHMARKS.md).
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

/** Length plus FNV-1a over up to 64 evenly spaced 1 KB samples: fast even for 250 MB. */
function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  const samples = 64;
  const step = Math.max(1024, Math.floor(bytes.length / samples));
  for (let start = 0; start < bytes.length; start += step) {
    const end = Math.min(bytes.length, start + 1024);
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  }
  return `${bytes.length}-${(hash >>> 0).toString(16)}`;
}

/** Creating the device ourselves lets us require fp16 shaders and hear about a lost device. */
async function createOwnGpuDevice(ort: OrtModule, precision: Precision, onLost: (reason: string) => void): Promise<void> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter is available');
  const needF16 = precision === 'fp16';
  if (needF16 && !adapter.features.has('shader-f16')) throw new Error('this GPU has no fp16 shaders (shader-f16)');
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures: needF16 ? ['shader-f16'] : [],
    requiredLimits: {
      maxBufferSize: limits.maxBufferSize,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  void device.lost.then((info) => {
    if (info.reason !== 'destroyed') onLost(info.message || 'unknown reason');
  });
  ort.env.webgpu.device = device;
}
