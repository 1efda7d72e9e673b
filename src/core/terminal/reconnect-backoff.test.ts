import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './reconnect-backoff.js';

describe('reconnectDelayMs', () => {
  it('doubles from one second up to the cap, then gives up', () => {
    const policy = { firstDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 8 };
    const delays = Array.from({ length: 9 }, (_, i) => reconnectDelayMs(i + 1, policy));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, null]);
    expect(reconnectDelayMs(0, policy)).toBeNull();
  });
});
