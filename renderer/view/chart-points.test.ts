import { describe, expect, it } from 'vitest';
import { RiskHistoryRing } from '../store/risk-history.js';
import { compactUsd, distinctLabels, riskChartPoints, timeTicks, valueTicks } from './chart-points.js';

function shift(points: number) {
  const ring = new RiskHistoryRing(points);
  const t0 = Date.UTC(2026, 10, 24, 6);
  for (let i = 0; i < points; i++) {
    const pnl = -20_000 * Math.sin(i / 4000) - (i === 30_000 ? 15_000 : 0);
    ring.append(t0 + i * 1000, pnl, (Math.max(0, -pnl) / 50_000) * 100);
  }
  return ring;
}

describe('risk chart points', () => {
  it('draws 12 h of 1 Hz history with no more points per line than pixels, within the chart budget', () => {
    const ring = shift(43_200);
    // Best of five: the cost of the work, not of a busy machine descheduling the test.
    let elapsed = Infinity;
    let points = riskChartPoints(ring.columns(), 900);
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      points = riskChartPoints(ring.columns(), 900);
      elapsed = Math.min(elapsed, performance.now() - started);
    }
    expect(points).toHaveLength(900);
    expect(points[0]!.t).toBeLessThan(points.at(-1)!.t);
    // The one-second loss spike stays visible.
    expect(points.some((p) => p.t === Date.UTC(2026, 10, 24, 6) + 30_000 * 1000)).toBe(true);
    // The downsampling part of a chart update; 20 ms is the whole update's budget.
    expect(elapsed).toBeLessThan(20);
  });

  it('passes a short history through whole', () => {
    const points = riskChartPoints(shift(10).columns(), 900);
    expect(points).toHaveLength(10);
  });
});

describe('time ticks', () => {
  const h = 3_600_000;
  it('puts ticks on round local hours over a 12 h shift', () => {
    const from = Date.UTC(2026, 10, 24, 6, 20);
    const ticks = timeTicks(from, from + 12 * h, 6, 0);
    expect(ticks).toHaveLength(6);
    expect(ticks[0]).toBe(Date.UTC(2026, 10, 24, 8));
    expect(ticks[1]! - ticks[0]!).toBe(2 * h);
  });

  it('follows the local offset and short spans', () => {
    const from = Date.UTC(2026, 10, 24, 6, 1);
    const ticks = timeTicks(from, from + 20 * 60_000, 5, 30);
    // Five-minute steps, on :05, :10 ... of a clock 30 min ahead of UTC.
    expect(ticks.map((t) => new Date(t + 30 * 60_000).getUTCMinutes())).toEqual([35, 40, 45, 50]);
  });

  it('has none for an empty span', () => {
    expect(timeTicks(5, 5, 6, 0)).toEqual([]);
  });
});

describe('value axes', () => {
  it('cover the range on round steps', () => {
    expect(valueTicks(-2_300, 7_900, 5)).toEqual([-5_000, 0, 5_000, 10_000]);
    expect(valueTicks(1_210, 1_890, 5)).toEqual([1_200, 1_400, 1_600, 1_800, 2_000]);
    expect(valueTicks(0, 100, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(valueTicks(5, 5, 5).length).toBeGreaterThanOrEqual(2);
  });

  it('never print the same label twice', () => {
    const ticks = [2_000, 2_500, 3_000, 3_500];
    // Whole thousands would read $2k, $3k, $3k, $4k.
    expect(ticks.map((t) => compactUsd(t, 0))).toEqual(['$2k', '$3k', '$3k', '$4k']);
    const label = distinctLabels(ticks, compactUsd);
    expect(ticks.map(label)).toEqual(['$2.0k', '$2.5k', '$3.0k', '$3.5k']);
    expect(distinctLabels([-10_000, 0, 10_000], compactUsd)(-10_000)).toBe('-$10k');
    for (const [lo, hi] of [[-47_512, 812], [1_210, 1_890], [-120, 40]] as const) {
      const t = valueTicks(lo, hi, 5);
      const l = t.map(distinctLabels(t, compactUsd));
      expect(new Set(l).size).toBe(l.length);
    }
  });
});
