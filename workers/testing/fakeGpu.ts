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
  /** Loses the device, as `device.lost` would report it. */
  loseDevice(reason: string): void;
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
  let onLost: ((reason: string) => void) | null = null;
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
      const session = await ortNode.InferenceSession.create(bytes, sessionOptions);
      if (backend === 'webgpu') {
        const entry = { session, released: false };
        const release = session.release.bind(session);
        session.release = () => ((entry.released = true), release());
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
      sessionOptions: (backend, count) => {
        threads[backend] = count;
        return { executionProviders: ['cpu'], intraOpNumThreads: 1 };
      },
      prepareGpu: (_ort, _precision, lost) => {
        onLost = lost;
        if (options.loseDuringLoad) lost(options.loseDuringLoad);
        return Promise.resolve();
      },
    },
    loseDevice: (reason) => onLost?.(reason),
    failWasmSessions: (n) => {
      wasmFailures = n;
    },
    attempts,
    threads,
    gpuSessions,
  };
}
