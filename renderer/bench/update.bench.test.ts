import { describe, expect, it } from 'vitest';
import { measureUpdate } from './update.bench.js';

describe('update bench', () => {
  it('measures a quiet poll and keeps the identity of every row that did not move', () => {
    const r = measureUpdate({ positions: 2000, strategies: 100, changedPct: 1, rounds: 5, historyPoints: 5000, chartWidthPx: 800 });
    expect(r.positions).toBe(2000);
    expect(r.keptRowIdentityPct).toBeCloseTo(99, 5);
    for (const p of [r.parseMs, r.mergeMs, r.rowsMs, r.updateMs, r.chartMs]) {
      expect(p.p50).toBeGreaterThanOrEqual(0);
      expect(p.max).toBeGreaterThanOrEqual(p.p50);
    }
  });

  it('moves every row by default, as the simulator does, so no row keeps its identity', () => {
    const r = measureUpdate({ positions: 2000, strategies: 100, rounds: 3, historyPoints: 1000, chartWidthPx: 800 });
    expect(r.changedPct).toBe(100);
    expect(r.keptRowIdentityPct).toBe(0);
  });
});
