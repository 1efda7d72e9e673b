import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../testing/hft-fakes.js';
import type { ClientResult } from '../hft/client.js';
import { RETRY_PAUSES_MS, retryable, sendUntilDeadline, withDeadline } from './send.js';

describe('sending until the deadline', () => {
  it('abandons an attempt that ignores its signal at the attempt deadline', async () => {
    const time = new FakeTime();
    let settled = false;
    const result = withDeadline(time, () => new Promise<ClientResult<number>>(() => {}), 2_000, 'killswitch').then((r) => {
      settled = true;
      return r;
    });
    await time.advance(1_999);
    expect(settled).toBe(false);
    await time.advance(1);
    expect(await result).toEqual({ ok: false, failure: { kind: 'timeout', message: 'killswitch: no answer within 2000 ms' } });
  });

  it('pauses briefly and more each round, and starts nothing after the deadline', async () => {
    const time = new FakeTime();
    const starts: number[] = [];
    const done = sendUntilDeadline<number>({
      clock: time,
      timers: time,
      direct: async () => {
        starts.push(time.monotonic());
        return { ok: false, failure: { kind: 'network', message: 'refused' } };
      },
      deadlineMs: 3_000,
      attemptTimeoutMs: 1_000,
    });
    await time.advance(5_000);
    const sent = await done;
    expect(sent).toMatchObject({ attempts: starts.length, path: 'direct', result: { ok: false } });
    expect(starts.slice(0, 5)).toEqual([0, 100, 350, 850, 1850]);
    expect(starts.every((t) => t < 3_000)).toBe(true);
    expect(RETRY_PAUSES_MS.at(-1)).toBe(1_000);
  });

  it('retries what a repeat can fix, and only that', () => {
    expect(retryable({ kind: 'timeout', message: '' })).toBe(true);
    expect(retryable({ kind: 'invalid', message: '' })).toBe(true);
    expect(retryable({ kind: 'http', status: 503, message: '' })).toBe(true);
    expect(retryable({ kind: 'http', status: 429, message: '' })).toBe(true);
    expect(retryable({ kind: 'http', status: 400, message: '' })).toBe(false);
    expect(retryable({ kind: 'http', status: 404, message: '' })).toBe(false);
  });
});
