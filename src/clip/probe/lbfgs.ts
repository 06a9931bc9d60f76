/**
 * L-BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., algorithms 7.4 and 7.5) with a line
 * search that satisfies the strong Wolfe conditions (algorithms 3.5 and 3.6, cubic interpolation
 * in the zoom). Plain Float64 arithmetic and no randomness: the same input gives the same
 * iterates, bit for bit, in every JavaScript engine that follows IEEE 754 (all of them).
 *
 * It minimises a smooth function given as `evaluate(x, gradient) => f(x)`, which writes ∇f(x)
 * into `gradient`. Used for multinomial logistic regression (./logistic.ts), where the objective is
 * strictly convex with L2 regularisation, so the minimum it reaches is the minimum.
 */

export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when max |∇f| ≤ gradientTolerance. */
  gradientTolerance?: number;
  /** Stop when the objective falls by less than this, relative to max(|f|, 1), in one iteration. */
  functionTolerance?: number;
  maxIterations?: number;
  /** Pairs (s, y) kept for the inverse-Hessian approximation. */
  memory?: number;
  /** Called after every iteration; return true to stop (the current best point is kept). */
  onIteration?: (iteration: number, f: number, gradientNorm: number) => boolean | void;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  /** max |∇f| at x. */
  gradientNorm: number;
  reason: 'gradient' | 'function' | 'max-iterations' | 'line-search' | 'stopped';
}

const C1 = 1e-4; // sufficient decrease
const C2 = 0.9; // curvature (0.9 is the usual choice for quasi-Newton methods)

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m) m = v;
  }
  return m;
}

/** The minimiser of the cubic through (a, fa, ga) and (b, fb, gb), kept inside the interval with a safeguard. */
function cubicMinimiser(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
  const discriminant = d1 * d1 - ga * gb;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (discriminant >= 0) {
    const d2 = Math.sign(b - a) * Math.sqrt(discriminant);
    const t = b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
    // Stay away from the ends, so the interval shrinks by a fixed fraction at least.
    const margin = 0.1 * (hi - lo);
    if (Number.isFinite(t) && t > lo + margin && t < hi - margin) return t;
  }
  return (a + b) / 2;
}

export function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const { gradientTolerance = 1e-6, functionTolerance = 1e-14, maxIterations = 500, memory = 10, onIteration } = options;
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new Error('L-BFGS: the objective is not finite at the starting point');

  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const direction = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);

  let gradientNorm = maxAbs(g);
  let iterations = 0;
  let reason: LbfgsResult['reason'] = 'max-iterations';
  if (gradientNorm <= gradientTolerance) return { x, f, iterations, evaluations, gradientNorm, reason: 'gradient' };

  while (iterations < maxIterations) {
    // Two-loop recursion: direction = -H g.
    direction.set(g);
    for (let j = s.length - 1; j >= 0; j--) {
      const a = rho[j]! * dot(s[j]!, direction);
      alpha[j] = a;
      const yj = y[j]!;
      for (let i = 0; i < n; i++) direction[i]! -= a * yj[i]!;
    }
    const last = s.length - 1;
    const gamma = last >= 0 ? dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!) : 1 / Math.max(gradientNorm, 1e-300) / Math.sqrt(n);
    for (let i = 0; i < n; i++) direction[i]! *= gamma;
    for (let j = 0; j < s.length; j++) {
      const b = rho[j]! * dot(y[j]!, direction);
      const sj = s[j]!;
      const a = alpha[j]!;
      for (let i = 0; i < n; i++) direction[i]! += (a - b) * sj[i]!;
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i]!;

    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (rounding): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      const scale = 1 / Math.max(gradientNorm, 1e-300) / Math.sqrt(n);
      for (let i = 0; i < n; i++) direction[i] = -g[i]! * scale;
      slope = dot(g, direction);
    }

    const search = strongWolfe(objective, x, f, slope, direction, xNew, gNew);
    evaluations += search.evaluations;
    if (!search.ok) {
      reason = 'line-search';
      break;
    }
    iterations++;
    const fOld = f;
    // s = x_new - x, y = g_new - g; reuse the oldest pair's arrays once memory is full.
    const sNew = s.length === memory ? s.shift()! : new Float64Array(n);
    const yNew = y.length === memory ? y.shift()! : new Float64Array(n);
    if (rho.length === memory) rho.shift();
    for (let i = 0; i < n; i++) {
      sNew[i] = xNew[i]! - x[i]!;
      yNew[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sNew, yNew);
    x.set(xNew);
    g.set(gNew);
    f = search.f;
    gradientNorm = maxAbs(g);
    // The strong Wolfe conditions make s·y > 0; skip the pair if rounding says otherwise.
    if (sy > 1e-300) {
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    if (onIteration?.(iterations, f, gradientNorm) === true) {
      reason = 'stopped';
      break;
    }
    if (gradientNorm <= gradientTolerance) {
      reason = 'gradient';
      break;
    }
    if (fOld - f <= functionTolerance * Math.max(Math.abs(f), 1)) {
      reason = 'function';
      break;
    }
  }
  return { x, f, iterations, evaluations, gradientNorm, reason };
}

interface SearchResult {
  ok: boolean;
  f: number;
  evaluations: number;
}

/**
 * Finds a step t along `direction` satisfying the strong Wolfe conditions; leaves x + t·d in
 * `xOut` and its gradient in `gOut`.
 */
function strongWolfe(
  objective: Objective,
  x: Float64Array,
  f0: number,
  slope0: number,
  direction: Float64Array,
  xOut: Float64Array,
  gOut: Float64Array,
): SearchResult {
  const n = x.length;
  let evaluations = 0;
  const at = (t: number): { f: number; slope: number } => {
    for (let i = 0; i < n; i++) xOut[i] = x[i]! + t * direction[i]!;
    const f = objective(xOut, gOut);
    evaluations++;
    return { f, slope: dot(gOut, direction) };
  };

  let tPrev = 0;
  let fPrev = f0;
  let slopePrev = slope0;
  let t = 1;
  const maxSteps = 30;
  for (let step = 0; step < maxSteps; step++) {
    const { f, slope } = at(t);
    if (!Number.isFinite(f) || f > f0 + C1 * t * slope0 || (step > 0 && f >= fPrev)) {
      return zoom(tPrev, fPrev, slopePrev, t, Number.isFinite(f) ? f : Infinity, Number.isFinite(slope) ? slope : Infinity);
    }
    if (Math.abs(slope) <= -C2 * slope0) return { ok: true, f, evaluations };
    if (slope >= 0) return zoom(t, f, slope, tPrev, fPrev, slopePrev);
    tPrev = t;
    fPrev = f;
    slopePrev = slope;
    t *= 2;
  }
  return { ok: false, f: f0, evaluations };

  /** Shrinks [lo, hi] (lo has the lower objective) to a point with the strong Wolfe conditions. */
  function zoom(lo: number, fLo: number, slopeLo: number, hi: number, fHi: number, slopeHi: number): SearchResult {
    for (let k = 0; k < 40; k++) {
      const t = Number.isFinite(fHi) && Number.isFinite(slopeHi) ? cubicMinimiser(lo, fLo, slopeLo, hi, fHi, slopeHi) : (lo + hi) / 2;
      const { f, slope } = at(t);
      if (!Number.isFinite(f) || f > f0 + C1 * t * slope0 || f >= fLo) {
        hi = t;
        fHi = Number.isFinite(f) ? f : Infinity;
        slopeHi = slope;
      } else {
        if (Math.abs(slope) <= -C2 * slope0) return { ok: true, f, evaluations };
        if (slope * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          slopeHi = slopeLo;
        }
        lo = t;
        fLo = f;
        slopeLo = slope;
      }
      if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    // No Wolfe point within the budget: accept the best point if it decreased f (rounding regime).
    if (lo > 0 && fLo < f0) {
      const { f } = at(lo);
      return { ok: true, f, evaluations };
    }
    return { ok: false, f: f0, evaluations };
  }
}
