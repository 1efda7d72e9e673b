/**
 * Largest-Triangle-Three-Buckets downsampling (Sveinn Steinarsson, "Downsampling
 * Time Series for Visual Representation", 2013): keeps the points that carry a
 * line's visible shape, so a chart never draws more points than it has pixels.
 *
 * Returns the indices it keeps rather than copies of the points, so the caller
 * can pick the same rows from parallel columns (time, P&L, limit use).
 */

/**
 * Indices of at most `threshold` points of the series (xs[i], ys[i]), in
 * ascending order, always including the first and the last. `xs` must be
 * non-decreasing. A threshold below 3, or at least the series length, keeps
 * every point (or the first and last when the threshold is 1 or 2).
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const n = Math.min(xs.length, ys.length);
  const target = Math.floor(threshold);
  if (n === 0 || target <= 0) return [];
  if (target >= n) return Array.from({ length: n }, (_, i) => i);
  if (target === 1) return [n - 1];
  if (target === 2) return [0, n - 1];

  const kept: number[] = [0];
  // The first and last points are fixed; the rest fall into target - 2 buckets.
  const bucketSize = (n - 2) / (target - 2);
  let a = 0;
  for (let bucket = 0; bucket < target - 2; bucket++) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    // Average of the next bucket (or the last point for the final bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    const nextCount = nextEnd - nextStart;
    if (nextCount > 0) {
      for (let i = nextStart; i < nextEnd; i++) {
        avgX += xs[i]!;
        avgY += ys[i]!;
      }
      avgX /= nextCount;
      avgY /= nextCount;
    } else {
      avgX = xs[n - 1]!;
      avgY = ys[n - 1]!;
    }
    const ax = xs[a]!;
    const ay = ys[a]!;
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      // Twice the triangle's area; the factor does not change which is largest.
      const area = Math.abs((ax - avgX) * (ys[i]! - ay) - (ax - xs[i]!) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}
