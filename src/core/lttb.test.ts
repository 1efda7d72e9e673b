import { describe, expect, it } from 'vitest';
import { lttbIndices } from './lttb.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('lttbIndices', () => {
  it('keeps every point when the series already fits', () => {
    expect(lttbIndices([1, 2, 3], [5, 6, 7], 10)).toEqual([0, 1, 2]);
    expect(lttbIndices([1, 2, 3], [5, 6, 7], 3)).toEqual([0, 1, 2]);
  });

  it('handles empty series and degenerate thresholds', () => {
    expect(lttbIndices([], [], 100)).toEqual([]);
    expect(lttbIndices(range(10), range(10), 0)).toEqual([]);
    expect(lttbIndices(range(10), range(10), 1)).toEqual([9]);
    expect(lttbIndices(range(10), range(10), 2)).toEqual([0, 9]);
  });

  it('returns exactly the threshold, ascending, first and last included', () => {
    const xs = range(1000);
    const ys = xs.map((x) => Math.sin(x / 30) * 100);
    const kept = lttbIndices(xs, ys, 50);
    expect(kept).toHaveLength(50);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(999);
    for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
  });

  it('keeps a single spike that averaging would flatten', () => {
    const xs = range(1000);
    const ys = xs.map((x) => (x === 437 ? -5000 : 0));
    expect(lttbIndices(xs, ys, 20)).toContain(437);
  });

  it('keeps the extremes of a sawtooth, one per bucket', () => {
    // Period 10 over 100 points, 12 buckets of ~8 points: each bucket holds a peak or a trough.
    const xs = range(100);
    const ys = xs.map((x) => (x % 10 < 5 ? x % 10 : 10 - (x % 10)));
    const kept = lttbIndices(xs, ys, 14);
    const keptValues = kept.slice(1, -1).map((i) => ys[i]!);
    expect(keptValues.every((v) => v === 0 || v === 5 || v === 4 || v === 1)).toBe(true);
  });

  it('works on typed arrays and ignores the longer column’s tail', () => {
    const xs = Float64Array.from(range(500));
    const ys = Float64Array.from(range(400), (x) => x * 2);
    const kept = lttbIndices(xs, ys, 10);
    expect(kept.at(-1)).toBe(399);
  });

  it('downsamples 12 h of 1 Hz history quickly', () => {
    const n = 43_200;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = i * 1000;
      ys[i] = Math.sin(i / 500) * 1e4 + ((i * 7919) % 101);
    }
    // Best of five: the cost of the work, not of a busy machine descheduling the test.
    let elapsed = Infinity;
    let kept: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      kept = lttbIndices(xs, ys, 1600);
      elapsed = Math.min(elapsed, performance.now() - started);
    }
    expect(kept).toHaveLength(1600);
    // Budget for the whole chart update is 20 ms; the downsampling is a small part of it.
    expect(elapsed).toBeLessThan(20);
  });
});
