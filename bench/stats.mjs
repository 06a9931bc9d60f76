/** Small statistics helpers: every figure in the report is a median over repeated runs. */
export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return { median: median(v), min: v.length ? Math.min(...v) : null, max: v.length ? Math.max(...v) : null, runs: v.length, values: v.map((x) => Math.round(x * 10) / 10) };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; fn returns elapsed ms (or {ms, ...}). */
export async function measure(fn, { warmup = 1, runs = 5 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = await fn(i);
    times.push(typeof r === 'number' ? r : r.ms);
  }
  return summary(times);
}

export const round = (x, digits = 1) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
