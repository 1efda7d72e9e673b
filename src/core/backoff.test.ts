import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelayMs } from './backoff.js';

describe('backoffDelayMs', () => {
  it('doubles the base with each failure, jittered within [base/2, base)', () => {
    const pollMs = 1000;
    for (let failures = 1; failures <= 4; failures++) {
      const base = pollMs * 2 ** failures;
      expect(backoffDelayMs(failures, pollMs, 0)).toBe(base / 2);
      expect(backoffDelayMs(failures, pollMs, 0.5)).toBe(base * 0.75);
      expect(backoffDelayMs(failures, pollMs, 0.999999)).toBeLessThan(base);
      expect(backoffDelayMs(failures, pollMs, 0.999999)).toBeGreaterThan(base * 0.99);
    }
  });

  it('never waits less than the poll interval', () => {
    expect(backoffDelayMs(1, 1000, 0)).toBe(1000);
  });

  it('stops growing at the cap', () => {
    expect(backoffDelayMs(5, 1000, 0)).toBe(BACKOFF_CAP_MS / 2);
    expect(backoffDelayMs(6, 1000, 0.999999)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    expect(backoffDelayMs(10_000, 1000, 0)).toBe(BACKOFF_CAP_MS / 2);
    expect(backoffDelayMs(3, 1000, 0, 5000)).toBe(2500);
  });

  it('treats a zero count as the first failure and clamps a bad random', () => {
    expect(backoffDelayMs(0, 1000, 0)).toBe(1000);
    expect(backoffDelayMs(1, 1000, 7)).toBe(2000);
    expect(backoffDelayMs(1, 1000, -1)).toBe(1000);
  });
});
