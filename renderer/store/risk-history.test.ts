import { describe, expect, it } from 'vitest';
import { historyCapacity, RiskHistoryRing } from './risk-history.js';

const times = (ring: RiskHistoryRing) => [...ring.columns().t];

describe('risk history ring', () => {
  it('sizes 12 h at 1 Hz as 43,200 points', () => {
    expect(historyCapacity(12, 1000)).toBe(43_200);
  });

  it('keeps the newest points in order once full', () => {
    const ring = new RiskHistoryRing(3);
    for (let t = 1; t <= 5; t++) ring.append(t, -t, t * 10);
    expect(times(ring)).toEqual([3, 4, 5]);
    expect([...ring.columns().dailyPnlUsd]).toEqual([-3, -4, -5]);
    expect([...ring.columns().lossLimitUsedPct]).toEqual([30, 40, 50]);
  });

  it('ignores a point that is not newer than the last', () => {
    const ring = new RiskHistoryRing(10);
    expect(ring.append(5, 0, 0)).toBe(true);
    expect(ring.append(5, 1, 1)).toBe(false);
    expect(ring.append(4, 1, 1)).toBe(false);
    expect(ring.length).toBe(1);
  });

  it('keeps appended points at least the spacing apart', () => {
    const ring = new RiskHistoryRing(10);
    ring.setSpacing(875);
    const kept = [0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000].filter((t) => ring.append(t, 0, 0));
    expect(kept).toEqual([0, 1000, 2000]);
  });

  it('loads the host history and keeps newer points that arrived meanwhile', () => {
    const ring = new RiskHistoryRing(10);
    ring.append(100, -1, 1);
    ring.append(3, -1, 1);
    const v = ring.version;
    ring.load({ t: [1, 2, 3], dailyPnlUsd: [0, -1, -2], lossLimitUsedPct: [0, 1, 2] });
    expect(times(ring)).toEqual([1, 2, 3, 100]);
    expect(ring.version).toBeGreaterThan(v);
  });

  it('loads only the newest points when the history exceeds the capacity', () => {
    const ring = new RiskHistoryRing(2);
    ring.load({ t: [1, 2, 3], dailyPnlUsd: [0, 0, 0], lossLimitUsedPct: [0, 0, 0] });
    expect(times(ring)).toEqual([2, 3]);
  });

  it('appends the risk answer of a live update', () => {
    const ring = new RiskHistoryRing(10);
    const risk = {
      freshness: 'fresh' as const,
      data: {
        timestamp: '2026-11-24T18:00:00.000Z', daily_pnl_usd: -500, daily_loss_limit_usd: 1000, loss_limit_used_pct: 50,
        gross_exposure_usd: 0, net_exposure_usd: 0, position_limit_usd: 1, killswitch_active: false,
      },
      receivedAt: 42, ageMs: 0, consecutiveFailures: 0, invalidResponses: 0, lastFailure: null, clockSkewMs: null, timestampFrozen: false,
    };
    expect(ring.appendFromUpdate({ endpoints: { risk }, pollMs: 1000, at: 42 })).toBe(true);
    // The same answer again (a failing poll keeps the last data) is not a new point.
    expect(ring.appendFromUpdate({ endpoints: { risk: { ...risk, freshness: 'stale' } }, pollMs: 1000, at: 43 })).toBe(false);
    expect(ring.appendFromUpdate({ endpoints: {}, pollMs: 1000, at: 44 })).toBe(false);
    expect([...ring.columns().dailyPnlUsd]).toEqual([-500]);
  });

  it('resizes keeping the newest points and tells subscribers', () => {
    const ring = new RiskHistoryRing(5);
    let calls = 0;
    const off = ring.subscribe(() => calls++);
    for (let t = 1; t <= 5; t++) ring.append(t, 0, 0);
    ring.resize(2);
    expect(times(ring)).toEqual([4, 5]);
    ring.resize(4);
    ring.append(6, 0, 0);
    expect(times(ring)).toEqual([4, 5, 6]);
    off();
    ring.append(7, 0, 0);
    expect(calls).toBe(8);
  });
});
