/**
 * The one kind of motion in the simulated market: a value that wanders
 * randomly but is pulled back towards its mean, so prices, P&L and latency
 * look alive and never run away.
 */
/** A mean-reverting random walk (discrete Ornstein-Uhlenbeck): `reversion` and `sigma` are per step. */
export interface Walk {
  value: number;
  mean: number;
  reversion: number;
  sigma: number;
  min: number;
  max: number;
}

export const walk = (mean: number, stationaryStd: number, reversion: number, min = 0, max = Infinity): Walk => ({
  value: mean,
  mean,
  reversion,
  // Stationary std of x' = x + r(m - x) + s·n is s / sqrt(2r - r²) ≈ s / sqrt(2r).
  sigma: stationaryStd * Math.sqrt(2 * reversion),
  min,
  max,
});

export function step(w: Walk, n: number): void {
  const next = w.value + w.reversion * (w.mean - w.value) + w.sigma * n;
  w.value = Math.min(w.max, Math.max(w.min, next));
}
