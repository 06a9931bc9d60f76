/** The model being loaded or in use: progress, backend facts and errors, for the status area. */
import { create } from 'zustand';
import type { ModelSource, Precision } from '../../clip/modelSource';
import type { BackendChoice, FileProgress, LoadedModel } from '../../../workers/api';
import { clipWorker, proxy } from '../worker/clipWorker';
import { initialBackend, initialPrecision, initialSource, initialThreads, preferSameOriginCopy } from './appParams';

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ModelState {
  source: ModelSource;
  backendChoice: BackendChoice;
  /** Weight precision: automatic (per backend) unless the user overrides it. */
  precisionChoice: Precision | 'auto';
  setPrecision(precision: Precision | 'auto'): Promise<void>;
  status: ModelStatus;
  progress: Record<string, FileProgress>;
  info: LoadedModel | null;
  error: string | null;
  /** Backend changes the user should know about (e.g. WebGPU failed, WASM took over). */
  notice: string | null;
  /** When the current load started (for the download rate). */
  loadStartedAt: number;
  /** Bumped on every successful load, so embeddings made by an older model are redone. */
  generation: number;
  load(source?: ModelSource, backend?: BackendChoice): Promise<void>;
  cancel(): void;
}

export const useModelStore = create<ModelState>((set, get) => ({
  source: initialSource(),
  backendChoice: initialBackend(),
  precisionChoice: initialPrecision(),
  async setPrecision(precisionChoice) {
    set({ precisionChoice });
    await get().load();
  },
  status: 'idle',
  progress: {},
  info: null,
  error: null,
  notice: null,
  generation: 0,
  loadStartedAt: 0,
  cancel() {
    void clipWorker().cancelLoad();
  },
  async load(source = get().source, backend = get().backendChoice) {
    const started = performance.now();
    set({ source, backendChoice: backend, status: 'loading', progress: {}, error: null, notice: null, info: null, loadStartedAt: started });
    const onProgress = proxy((p: FileProgress) => {
      if (get().source !== source) return;
      set((state) => ({ progress: { ...state.progress, [p.file]: p } }));
    });
    const onNotice = proxy((n: { message: string }) => set({ notice: n.message }));
    try {
      source = await preferSameOriginCopy(source);
      if (get().loadStartedAt !== started) return;
      set({ source });
      const info = await clipWorker().loadModel({ source, backend, precision: get().precisionChoice, threads: initialThreads() }, onProgress, onNotice);
      if (get().source !== source) return;
      set((state) => ({ status: 'ready', info, notice: info.fallbackReason ?? state.notice, generation: state.generation + 1 }));
    } catch (error) {
      if (get().source !== source) return;
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
