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

/**
 * An objective that is cheaper along a line than at an arbitrary point: after `setLine(x, d)`,
 * `along(t)` gives f(x + t·d) and its slope d·∇f(x + t·d), and `moveTo(t, …)` gives the gradient
 * at the accepted step. Logistic regression is one (./logistic.ts): its logits are linear in the
 * weights, so one product X·Dᵀ per iteration gives the logits at every trial step, and only the
 * accepted step needs the gradient's product. A plain `Objective` is wrapped into one that
 * evaluates at every trial step (`lineSearchable`), with the same iterates as before.
 */
export interface LineObjective {
  /** f(x), writing ∇f(x) into `gradient` (the starting point). */
  start(x: Float64Array, gradient: Float64Array): number;
  /** The line from x (the current point, where the last `start` or `moveTo` left it) along `direction`. */
  setLine(x: Float64Array, direction: Float64Array): void;
  /** f(x + t·d) and d·∇f(x + t·d). */
  along(t: number): { f: number; slope: number };
  /** Moves to x + t·d (`xNew`, already computed), writing ∇f there into `gradient`; returns f there. */
  moveTo(t: number, xNew: Float64Array, gradient: Float64Array): number;
}

/** A plain objective as a line objective: each trial step is a full evaluation; the accepted one's gradient is kept. */
export function lineSearchable(objective: Objective, size: number): LineObjective {
  let base: Float64Array = new Float64Array(size);
  let dir: Float64Array = new Float64Array(size);
  const point = new Float64Array(size);
  const grad = new Float64Array(size);
  let lastT = NaN;
  let lastF = NaN;
  return {
    start: (x, gradient) => objective(x, gradient),
    setLine(x, direction) {
      base = x;
      dir = direction;
      lastT = NaN;
    },
    along(t) {
      for (let i = 0; i < size; i++) point[i] = base[i]! + t * dir[i]!;
      lastF = objective(point, grad);
      lastT = t;
      return { f: lastF, slope: dot(grad, dir) };
    },
    moveTo(t, _xNew, gradient) {
      if (t !== lastT) this.along(t);
      gradient.set(grad);
      return lastF;
    },
  };
}

export interface LbfgsOptions {
  /** Stop when max |∇f| ≤ gradientTolerance. */
  gradientTolerance?: number;
  /** Stop when the objective falls by less than this, relative to max(|f|, 1), in one iteration. */
  functionTolerance?: number;
  maxIterations?: number;
  /** Pairs (s, y) kept for the inverse-Hessian approximation. */
  memory?: number;
  /** Buffers to reuse (see `LbfgsWorkspace`); used when its size matches. */
  workspace?: LbfgsWorkspace;
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

/**
 * The two-loop recursion: direction = −H·g, H the inverse-Hessian approximation from the pairs
 * (s, y), oldest first. Each pass over the vectors finishes one pair's update and computes the
 * next pair's dot product, so the recursion reads the vectors m + 1 times instead of 2m (they are
 * K·d long, megabytes: the passes, not the arithmetic, are what it costs).
 */
function twoLoop(g: Float64Array, s: readonly Float64Array[], y: readonly Float64Array[], rho: readonly number[], alpha: Float64Array, q: Float64Array): number {
  const n = g.length;
  const m = s.length;
  if (m === 0) return steepest(g, q);
  q.set(g);
  // First loop, newest to oldest: α_j = ρ_j s_j·q, then q −= α_j y_j.
  let a = rho[m - 1]! * dot(s[m - 1]!, q);
  alpha[m - 1] = a;
  for (let j = m - 1; j > 0; j--) {
    const yj = y[j]!;
    const sNext = s[j - 1]!;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = q[i]! - a * yj[i]!;
      q[i] = v;
      sum += sNext[i]! * v;
    }
    a = rho[j - 1]! * sum;
    alpha[j - 1] = a;
  }
  // The last update, with the scaling γ = s·y / y·y of the newest pair.
  const gamma = dot(s[m - 1]!, y[m - 1]!) / dot(y[m - 1]!, y[m - 1]!);
  const y0 = y[0]!;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = (q[i]! - a * y0[i]!) * gamma;
    q[i] = v;
    sum += y0[i]! * v;
  }
  // Second loop, oldest to newest: β_j = ρ_j y_j·r, then r += (α_j − β_j) s_j.
  for (let j = 0; j < m; j++) {
    const coefficient = alpha[j]! - rho[j]! * sum;
    const sj = s[j]!;
    if (j + 1 < m) {
      const yNext = y[j + 1]!;
      sum = 0;
      for (let i = 0; i < n; i++) {
        const v = q[i]! + coefficient * sj[i]!;
        q[i] = v;
        sum += yNext[i]! * v;
      }
    } else {
      // Last pass: also negate, giving −H·g, and its slope g·q.
      let slope = 0;
      for (let i = 0; i < n; i++) {
        const v = -(q[i]! + coefficient * sj[i]!);
        q[i] = v;
        slope += g[i]! * v;
      }
      return slope;
    }
  }
  return NaN; // not reached: the last pass returns
}

/** q = −g scaled to a small first step (1/(‖g‖∞·√n)); returns the slope g·q. */
function steepest(g: Float64Array, q: Float64Array): number {
  const n = g.length;
  const scale = 1 / Math.max(maxAbs(g), 1e-300) / Math.sqrt(n);
  let slope = 0;
  for (let i = 0; i < n; i++) {
    const v = -g[i]! * scale;
    q[i] = v;
    slope += g[i]! * v;
  }
  return slope;
}

/**
 * Buffers for minimisations of one size, reused from run to run: the fits of a cross-validation
 * sweep (one problem, many C) then allocate nothing (each run would otherwise allocate 2m + 5
 * vectors of K·d values: megabytes, and garbage collection the profile saw).
 */
export class LbfgsWorkspace {
  readonly x: Float64Array;
  readonly g: Float64Array;
  readonly xNew: Float64Array;
  readonly gNew: Float64Array;
  readonly direction: Float64Array;
  private readonly spare: Float64Array[] = [];

  constructor(readonly size: number) {
    [this.x, this.g, this.xNew, this.gNew, this.direction] = Array.from({ length: 5 }, () => new Float64Array(size)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  }

  /** A vector for an (s, y) pair. */
  take(): Float64Array {
    return this.spare.pop() ?? new Float64Array(this.size);
  }

  give(...vectors: Float64Array[]): void {
    this.spare.push(...vectors);
  }
}

export function minimizeLbfgs(objective: Objective | LineObjective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const { gradientTolerance = 1e-6, functionTolerance = 1e-14, maxIterations = 500, memory = 10, onIteration } = options;
  const n = x0.length;
  const work = options.workspace?.size === n ? options.workspace : new LbfgsWorkspace(n);
  // x and g are the current point and gradient, xNew and gNew the next: swapped, not copied.
  let { x, g, xNew, gNew } = work;
  const direction = work.direction;
  x.set(x0);
  const problem = typeof objective === 'function' ? lineSearchable(objective, n) : objective;
  let f = problem.start(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new Error('L-BFGS: the objective is not finite at the starting point');

  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);

  let gradientNorm = maxAbs(g);
  let iterations = 0;
  let reason: LbfgsResult['reason'] = 'max-iterations';
  if (gradientNorm <= gradientTolerance) reason = 'gradient';
  else {
    while (iterations < maxIterations) {
      let slope = twoLoop(g, s, y, rho, alpha, direction);
      if (!(slope < 0)) {
        // Not a descent direction (rounding): restart from steepest descent.
        work.give(...s, ...y);
        s.length = 0;
        y.length = 0;
        rho.length = 0;
        slope = steepest(g, direction);
      }

      problem.setLine(x, direction);
      const search = strongWolfe(problem, f, slope);
      evaluations += search.evaluations;
      if (!search.ok) {
        reason = 'line-search';
        break;
      }
      iterations++;
      const t = search.t;
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + t * direction[i]!;
      const fNew = problem.moveTo(t, xNew, gNew);
      evaluations += search.evaluated ? 0 : 1;
      const fOld = f;
      // s = x_new − x, y = g_new − g (in the oldest pair's vectors once memory is full), s·y and max |g_new| in one pass.
      if (s.length === memory) {
        work.give(s.shift()!, y.shift()!);
        rho.shift();
      }
      const sNew = work.take();
      const yNew = work.take();
      let sy = 0;
      let norm = 0;
      for (let i = 0; i < n; i++) {
        const si = xNew[i]! - x[i]!;
        const gi = gNew[i]!;
        const yi = gi - g[i]!;
        sNew[i] = si;
        yNew[i] = yi;
        sy += si * yi;
        const a = Math.abs(gi);
        if (a > norm) norm = a;
      }
      [x, xNew] = [xNew, x];
      [g, gNew] = [gNew, g];
      f = fNew;
      gradientNorm = norm;
      // The strong Wolfe conditions make s·y > 0; skip the pair if rounding says otherwise.
      if (sy > 1e-300) {
        s.push(sNew);
        y.push(yNew);
        rho.push(1 / sy);
      } else {
        work.give(sNew, yNew);
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
  }
  work.give(...s, ...y);
  // With the caller's workspace, hand back a copy: the workspace's vectors serve the next run.
  return { x: options.workspace ? Float64Array.from(x) : x, f, iterations, evaluations, gradientNorm, reason };
}

interface SearchResult {
  ok: boolean;
  /** The step found. */
  t: number;
  f: number;
  evaluations: number;
  /** Whether the last `along` call was at `t` (the plain wrapper then has the gradient already). */
  evaluated: boolean;
}

/** Finds a step t along the problem's current line satisfying the strong Wolfe conditions. */
function strongWolfe(problem: LineObjective, f0: number, slope0: number): SearchResult {
  let evaluations = 0;
  let lastT = NaN;
  const at = (t: number): { f: number; slope: number } => {
    evaluations++;
    lastT = t;
    return problem.along(t);
  };
  const found = (t: number, f: number): SearchResult => ({ ok: true, t, f, evaluations, evaluated: t === lastT });
  const failed = (): SearchResult => ({ ok: false, t: 0, f: f0, evaluations, evaluated: false });

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
    if (Math.abs(slope) <= -C2 * slope0) return found(t, f);
    if (slope >= 0) return zoom(t, f, slope, tPrev, fPrev, slopePrev);
    tPrev = t;
    fPrev = f;
    slopePrev = slope;
    t *= 2;
  }
  return failed();

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
        if (Math.abs(slope) <= -C2 * slope0) return found(t, f);
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
    if (lo > 0 && fLo < f0) return found(lo, fLo);
    return failed();
  }
}
