/** The page's handle on the CLIP worker: a typed Comlink proxy, created once. */
import * as Comlink from 'comlink';
import type { ClipWorkerApi } from '../../../workers/api';

let remote: Comlink.Remote<ClipWorkerApi> | null = null;

export function clipWorker(): Comlink.Remote<ClipWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../../workers/clip.worker.ts', import.meta.url), { type: 'module', name: 'clip' });
    remote = Comlink.wrap<ClipWorkerApi>(worker);
  }
  return remote;
}

export const proxy = Comlink.proxy;
