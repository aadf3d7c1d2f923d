// Small statistics helpers for the bench.

export function median(values) {
  return percentile(values, 50);
}

/** Linear-interpolated percentile; undefined for no values. */
export function percentile(values, p) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const rank = (p / 100) * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return xs[lo] + (xs[hi] - xs[lo]) * (rank - lo);
}

/** Three significant-ish digits; blank for missing values. */
export function fmt(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return '';
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 0.1 || a === 0) return v.toFixed(2);
  return v.toFixed(3);
}
