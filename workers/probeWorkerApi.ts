/** The probe worker's implementation: the core's jobs, with throttled progress and errors as data. */
import { domainShift, kShotCurve, trainProbe } from '../src/clip/probe';
import { ClipError, toErrorData } from './errors';
import type { ProbeProgress, ProbeWorkerApi } from './probeApi';

/** Progress at most every `ms`, so a fast loop does not flood the page with messages. */
function throttled(onProgress: ProbeProgress | undefined, ms = 100, now = () => performance.now()): ProbeProgress {
  let last = -Infinity;
  return (done, total) => {
    const t = now();
    if (done < total && t - last < ms) return;
    last = t;
    onProgress?.(done, total);
  };
}

async function run<T>(job: () => T): Promise<T> {
  try {
    return await Promise.resolve().then(job);
  } catch (error) {
    // Bad input (a class without examples, a domain too small) is a limit of the data, said as such.
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- errors cross the worker boundary as plain ClipErrorData (see errors.ts)
    throw toErrorData(error instanceof ClipError ? error : new ClipError({ kind: 'limit', message: error instanceof Error ? error.message : String(error) }));
  }
}

export function createProbeWorkerApi(): ProbeWorkerApi {
  return {
    train: (input, start, onProgress) => run(() => trainProbe(input, start, throttled(onProgress))),
    kShot: (input, predictions, options, onProgress) => run(() => kShotCurve(input, predictions, { ...options, onProgress: throttled(onProgress) })),
    shift: (input, domains, trainDomain, onProgress) => run(() => domainShift(input, domains, trainDomain, throttled(onProgress))),
  };
}
