import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../../test/support/hft-fakes.js';
import type { ClientResult } from '../hft/client.js';
import { describeFailures, noAnswerWithin, RETRY_PAUSES_MS, retryable, sendUntilDeadline, withDeadline } from './send.js';

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
    expect(await result).toEqual({ ok: false, failure: { kind: 'timeout', message: 'killswitch: no answer within 2 s' } });
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
    });
    await time.advance(5_000);
    const sent = await done;
    expect(sent).toMatchObject({ attempts: starts.length, path: 'direct', result: { ok: false } });
    expect(starts.slice(0, 5)).toEqual([0, 100, 350, 850, 1850]);
    expect(starts.every((t) => t < 3_000)).toBe(true);
    expect(RETRY_PAUSES_MS.at(-1)).toBe(1_000);
  });

  it('retries what a repeat can fix, and only that', () => {
    expect(retryable({ kind: 'network', message: '' })).toBe(true);
    // Still open at the deadline: nothing left to repeat it in. A garbled 200 was an answer: the read-back decides.
    expect(retryable({ kind: 'timeout', message: '' })).toBe(false);
    expect(retryable({ kind: 'invalid', message: '' })).toBe(false);
    expect(retryable({ kind: 'http', status: 503, message: '' })).toBe(true);
    expect(retryable({ kind: 'http', status: 429, message: '' })).toBe(true);
    expect(retryable({ kind: 'http', status: 400, message: '' })).toBe(false);
    expect(retryable({ kind: 'http', status: 404, message: '' })).toBe(false);
  });

  it('counts the causes in the order they came, per path when both were tried', () => {
    const http500 = { kind: 'http' as const, status: 500, message: '/api/v1/killswitch: HTTP 500: internal server error' };
    const refused = { kind: 'network' as const, message: '/api/v1/killswitch: connect ECONNREFUSED' };
    const silent = { kind: 'timeout' as const, message: 'direct: no answer within 10 s' };
    expect(describeFailures(Array.from({ length: 14 }, () => ({ path: 'direct' as const, failure: http500 })))).toBe('HTTP 500 on 14 attempts: internal server error');
    expect(describeFailures([refused, refused, silent].map((failure) => ({ path: 'direct' as const, failure })))).toBe(
      'connect ECONNREFUSED on 2 attempts, then no answer within 10 s',
    );
    expect(
      describeFailures([
        { path: 'direct', failure: refused },
        { path: 'ssh', failure: { kind: 'http', status: 502, message: '/api/v1/killswitch over SSH: HTTP 502' } },
      ]),
    ).toBe('direct: connect ECONNREFUSED; over SSH: HTTP 502');
  });

  it('stops sending, and gives up open attempts, when told the write showed as done', async () => {
    const time = new FakeTime();
    const stop = new AbortController();
    const done = sendUntilDeadline<number>({ clock: time, timers: time, direct: () => new Promise(() => {}), deadlineMs: 10_000, stop: stop.signal });
    await time.advance(500);
    stop.abort();
    await time.advance(0);
    expect(await done).toMatchObject({ attempts: 1, stopped: true, failures: [] });
    expect(time.timerCount).toBe(0);
  });
});

describe('noAnswerWithin', () => {
  it('reads a wait cut to what was left of the deadline as the deadline, to a tenth of a second', () => {
    expect(noAnswerWithin(10_000)).toBe('no answer within 10 s');
    expect(noAnswerWithin(9_999)).toBe('no answer within 10 s');
    expect(noAnswerWithin(9_940)).toBe('no answer within 9.9 s');
    expect(noAnswerWithin(1_500)).toBe('no answer within 1.5 s');
    expect(noAnswerWithin(400)).toBe('no answer within 400 ms');
  });
});
