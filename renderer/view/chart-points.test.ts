import { describe, expect, it } from 'vitest';
import { RiskHistoryRing } from '../store/risk-history.js';
import { riskChartPoints } from './chart-points.js';

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
    const started = performance.now();
    const points = riskChartPoints(ring.columns(), 900);
    const elapsed = performance.now() - started;
    expect(points.length).toBeLessThanOrEqual(2 * 900);
    expect(points.length).toBeGreaterThanOrEqual(900);
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
