import { describe, expect, it } from 'vitest';
import { measureUpdate } from './update.bench.js';

describe('update bench', () => {
  it('measures a poll and keeps the identity of every row that did not move', () => {
    const r = measureUpdate({ positions: 2000, changedPct: 1, rounds: 5, historyPoints: 5000, chartWidthPx: 800 });
    expect(r.positions).toBe(2000);
    expect(r.keptRowIdentityPct).toBeCloseTo(99, 5);
    for (const p of [r.parseMs, r.mergeMs, r.rowsMs, r.updateMs, r.chartMs]) {
      expect(p.p50).toBeGreaterThanOrEqual(0);
      expect(p.max).toBeGreaterThanOrEqual(p.p50);
    }
  });
});
