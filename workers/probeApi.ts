/**
 * The contract of the probe worker (workers/probe.worker.ts): training the linear probe, the
 * k-shot curve and the distribution-shift table run there, never on the page's thread. The page's
 * side is `src/app/worker/probeClient.ts`. Failures are thrown as `ClipErrorData`; a call is
 * cancelled by ending the worker (the solver runs without pausing, so it could not read a cancel
 * message), and the next call starts a fresh one: the worker keeps no state between calls.
 */
import type { KShotCurve, ProbeInput, ProbeStart, ShiftResult, TrainedProbe } from '../src/clip/probe';

export type { KShotCurve, ProbeInput, ProbeStart, ShiftResult, TrainedProbe };

/** Fits done and fits planned; sent at most every 100 ms and once at the end. */
export type ProbeProgress = (done: number, total: number) => void;

export interface ProbeWorkerApi {
  train(input: ProbeInput, start: ProbeStart, onProgress?: ProbeProgress): Promise<TrainedProbe>;
  kShot(input: ProbeInput, zeroShotPredictions: Int32Array, options: { start: ProbeStart; splits: number }, onProgress?: ProbeProgress): Promise<KShotCurve>;
  shift(input: ProbeInput, domains: string[], trainDomain: string, onProgress?: ProbeProgress): Promise<ShiftResult>;
}
