import { describe, expect, it } from 'vitest';
import { clockSkewMs } from './clock-skew.js';

describe('clockSkewMs', () => {
  it('is zero when the server stamped at the midpoint of the round trip', () => {
    expect(clockSkewMs(1_000_050, 1_000_100, 100)).toBe(0);
  });

  it('is positive when the server clock is ahead', () => {
    expect(clockSkewMs(1_005_050, 1_000_100, 100)).toBe(5_000);
  });

  it('is negative when the server clock is behind', () => {
    expect(clockSkewMs(999_000, 1_000_000, 0)).toBe(-1_000);
  });

  it('ignores a negative round trip instead of inventing skew', () => {
    expect(clockSkewMs(1_000_000, 1_000_000, -40)).toBe(0);
  });
});
