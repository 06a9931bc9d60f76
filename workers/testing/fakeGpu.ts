/// <reference types="node" />
/**
 * A stand-in GPU for the GPU-loss tests (there is no GPU here): onnxruntime-node's CPU provider in
 * the role of the WebGPU backend, a device that the test can lose, and WASM session creation that
 * can be made to fail a number of times. Everything else is the real runtime.
 */
import * as ortNode from 'onnxruntime-node';
import type { Backend } from '../api';
import type { OrtModule, OrtRuntime, OrtSession } from '../ort';

export interface FakeGpu {
  runtime: OrtRuntime;
  /** Loses the device, as `device.lost` would report it (to every lease not released). */
  loseDevice(reason: string): void;
  /** Devices handed out, and the device each GPU session was given in its options. */
  readonly devices: object[];
  readonly sessionDevices: unknown[];
  /** How runs on the "GPU" end: normally, never (stuck on a lost device), or with an error. */
  gpuRuns: 'work' | 'hang' | 'fail';
  /** The next `n` WASM session creations fail (as if out of memory). */
  failWasmSessions(n: number): void;
  /** Session creations tried per backend, failed ones included. */
  readonly attempts: Record<Backend, number>;
  /** Threads each backend's sessions were asked for. */
  readonly threads: Partial<Record<Backend, number>>;
  /** Sessions made on the "GPU", and whether they were released. */
  readonly gpuSessions: { session: OrtSession; released: boolean }[];
}

export function fakeGpu(options: { loseDuringLoad?: string } = {}): FakeGpu {
  const listeners = new Set<(reason: string) => void>();
  const device = { label: 'fake GPU device' };
  const devices: object[] = [];
  const sessionDevices: unknown[] = [];
  const state: { gpuRuns: FakeGpu['gpuRuns'] } = { gpuRuns: 'work' };
  let wasmFailures = 0;
  const attempts: Record<Backend, number> = { wasm: 0, webgpu: 0 };
  const threads: Partial<Record<Backend, number>> = {};
  const gpuSessions: { session: OrtSession; released: boolean }[] = [];

  const moduleFor = (backend: Backend): OrtModule => {
    const create = async (bytes: Uint8Array, sessionOptions?: ortNode.InferenceSession.SessionOptions): Promise<OrtSession> => {
      attempts[backend]++;
      if (backend === 'wasm' && wasmFailures > 0) {
        wasmFailures--;
        throw new Error('Aborted(OOM)');
      }
      const { gpuDevice, ...nodeOptions } = (sessionOptions ?? {}) as ortNode.InferenceSession.SessionOptions & { gpuDevice?: unknown };
      const session = await ortNode.InferenceSession.create(bytes, nodeOptions);
      if (backend === 'webgpu') {
        sessionDevices.push(gpuDevice);
        const entry = { session, released: false };
        const release = session.release.bind(session);
        session.release = () => ((entry.released = true), release());
        const run = session.run.bind(session);
        const gpuRun = (feeds: ortNode.InferenceSession.FeedsType): Promise<ortNode.InferenceSession.ReturnType> => {
          if (state.gpuRuns === 'hang') return new Promise<never>(() => undefined);
          if (state.gpuRuns === 'fail') return Promise.reject(new Error('GPU buffer mapping failed'));
          return run(feeds);
        };
        session.run = gpuRun; // the towers call run(feeds) only
        gpuSessions.push(entry);
      }
      return session;
    };
    return { ...ortNode, InferenceSession: { ...ortNode.InferenceSession, create } as unknown as OrtModule['InferenceSession'] };
  };
  const modules: Record<Backend, OrtModule> = { wasm: moduleFor('wasm'), webgpu: moduleFor('webgpu') };

  return {
    runtime: {
      load: (backend) => Promise.resolve(modules[backend]),
      mountsWeights: false,
      sessionOptions: (backend, count, gpu) => {
        threads[backend] = count;
        // The device rides along to the session (as onnxruntime-web's EP options carry it).
        return { executionProviders: ['cpu'], intraOpNumThreads: 1, ...(gpu ? { gpuDevice: gpu.device } : {}) };
      },
      prepareGpu: (_precision, lost) => {
        if (devices.length === 0) devices.push(device);
        listeners.add(lost);
        if (options.loseDuringLoad) lost(options.loseDuringLoad);
        return Promise.resolve({ device, release: () => listeners.delete(lost) });
      },
    },
    loseDevice: (reason) => {
      for (const listener of [...listeners]) listener(reason);
      listeners.clear();
    },
    devices,
    sessionDevices,
    get gpuRuns() {
      return state.gpuRuns;
    },
    set gpuRuns(value: FakeGpu['gpuRuns']) {
      state.gpuRuns = value;
    },
    failWasmSessions: (n) => {
      wasmFailures = n;
    },
    attempts,
    threads,
    gpuSessions,
  };
}
