import { describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES } from '../contract/hft.js';
import { intervalOf, laneIntervals, riskHistorySpacingMs } from './lanes.js';

describe('poll lanes', () => {
  it('asks health, status and risk on the fast lane and the books on the normal one', () => {
    const lanes = laneIntervals(1000, 250);
    expect(Object.fromEntries(ENDPOINT_NAMES.map((e) => [e, intervalOf(e, lanes)]))).toEqual({
      health: 250, status: 250, risk: 250, positions: 1000, strategies: 1000,
    });
  });

  it('never runs the fast lane slower than the book lane, and without a fast setting runs both alike', () => {
    expect(laneIntervals(200, 250)).toEqual({ pollMs: 200, fastPollMs: 200 });
    expect(laneIntervals(1000, undefined)).toEqual({ pollMs: 1000, fastPollMs: 1000 });
  });

  it('keeps one chart point per book interval from a risk lane four times faster', () => {
    const spacing = riskHistorySpacingMs(laneIntervals(1000, 250));
    // Answers at 0, 250, 500, ... with up to 100 ms of jitter: kept at about every fourth.
    let last = -Infinity;
    const kept: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = i * 250 + ((i * 37) % 100);
      if (t - last >= spacing) {
        kept.push(t);
        last = t;
      }
    }
    expect(kept.length).toBeGreaterThanOrEqual(9);
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(riskHistorySpacingMs(laneIntervals(1000, 1000))).toBe(0);
  });
});
