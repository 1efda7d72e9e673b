import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES, type EndpointName } from '../../contract/hft.js';
import { FAKE_EPOCH_MS, type FakeTime, type FakeTradingSystem } from '../../../test/support/hft-fakes.js';
import { network, POLL, setup, stopAllFeeds } from '../../../test/support/poller-harness.js';

afterEach(stopAllFeeds);

describe('poller: freshness over time', () => {
  it('is pending before the first answer and fresh after it', async () => {
    const { time, feed, view } = setup();
    for (const e of ENDPOINT_NAMES) expect(view(e).freshness).toBe('pending');
    feed.start();
    await time.advance(0);
    for (const e of ENDPOINT_NAMES) {
      expect(view(e)).toMatchObject({ freshness: 'fresh', ageMs: 0, receivedAt: FAKE_EPOCH_MS, consecutiveFailures: 0 });
      expect(view(e).data).not.toBeNull();
    }
  });

  it('goes stale exactly two intervals after the last good answer, pushed by the freshness timer', async () => {
    const { time, system, feed, updates, view } = setup();
    feed.start();
    await time.advance(0);
    system.behave('status', { kind: 'hang' });
    await time.advanceTo(2 * POLL);
    expect(view('status')).toMatchObject({ freshness: 'fresh', ageMs: 2000 });
    const before = updates.length;
    await time.advanceTo(2 * POLL + 1);
    expect(view('status').freshness).toBe('stale');
    const pushed = updates.slice(before).find((u) => u.endpoints.status);
    expect(pushed?.endpoints.status?.freshness).toBe('stale');
    expect(pushed?.at).toBe(FAKE_EPOCH_MS + 2001);
  });

  it('is dead at exactly the third failure in a row and recovers on the first good poll', async () => {
    const { time, system, feed, view } = setup();
    feed.start();
    await time.advance(0);
    system.behave('positions', network);
    // random() = 0: waits are the lower jitter bound, 1 s then 2 s then 4 s.
    await time.advanceTo(1000);
    expect(view('positions')).toMatchObject({ freshness: 'fresh', consecutiveFailures: 1 });
    await time.advanceTo(2001);
    expect(view('positions')).toMatchObject({ freshness: 'stale', consecutiveFailures: 2 });
    await time.advanceTo(3999);
    expect(view('positions').freshness).toBe('stale');
    await time.advanceTo(4000);
    expect(view('positions')).toMatchObject({
      freshness: 'dead',
      consecutiveFailures: 3,
      lastFailure: { kind: 'network', message: 'connection refused', at: FAKE_EPOCH_MS + 4000 },
    });
    // The data shown is still the last good answer, with its true age.
    expect(view('positions')).toMatchObject({ receivedAt: FAKE_EPOCH_MS, ageMs: 4000 });
    system.behave('positions', { kind: 'answer' });
    await time.advanceTo(7999);
    expect(view('positions').freshness).toBe('dead');
    await time.advanceTo(8000);
    expect(view('positions')).toMatchObject({ freshness: 'fresh', consecutiveFailures: 0, ageMs: 0 });
    expect(view('positions').lastFailure?.kind).toBe('network');
  });

  it('marks every endpoint dead while the health check fails', async () => {
    const { time, system, feed, view } = setup();
    feed.start();
    await time.advance(0);
    system.behave('health', { kind: 'fail', failure: { kind: 'http', status: 503, message: 'HTTP 503' } });
    await time.advanceTo(1000);
    for (const e of ENDPOINT_NAMES) expect(view(e).freshness).toBe('dead');
    expect(view('status').consecutiveFailures).toBe(0);
    system.behave('health', { kind: 'answer' });
    await time.advanceTo(2000);
    for (const e of ENDPOINT_NAMES) expect(view(e).freshness).toBe('fresh');
  });

  it('counts a degraded health answer as an answer, and shows it', async () => {
    const { time, system, feed, view } = setup();
    system.behave('health', { kind: 'answer', patch: { status: 'degraded' } });
    feed.start();
    await time.advance(0);
    expect(view('health')).toMatchObject({ freshness: 'fresh', data: { status: 'degraded' } });
    expect(view('risk').freshness).toBe('fresh');
  });
});

describe('poller: requests', () => {
  it('keeps one request per endpoint in flight and polls again as soon as a slow one ends', async () => {
    const { time, system, feed, view } = setup();
    system.behave('strategies', { kind: 'answer', delayMs: 2500 });
    feed.start();
    await time.advanceTo(9_999);
    // Answers 2.5 s apart: each one goes stale before the next arrives.
    expect(view('strategies')).toMatchObject({ freshness: 'stale', ageMs: 2499 });
    await time.advanceTo(10_000);
    expect(view('strategies')).toMatchObject({ freshness: 'fresh', ageMs: 0 });
    expect(system.maxInFlight.get('strategies')).toBe(1);
    expect(system.callsTo('strategies').map((c) => c.startedAt)).toEqual([0, 2500, 5000, 7500, 10_000]);
    // The other loops are not held up by the slow one.
    expect(system.callsTo('risk').length).toBe(11);
  });

  it('polls on a fixed rhythm: the next poll starts one interval after the previous began', async () => {
    const { time, system, feed } = setup();
    system.behave('status', { kind: 'answer', delayMs: 300 });
    feed.start();
    await time.advanceTo(3000);
    expect(system.callsTo('status').map((c) => c.startedAt)).toEqual([0, 1000, 2000, 3000]);
  });

  it('aborts a request at its deadline and records a timeout', async () => {
    const { time, system, feed, view } = setup({ requestTimeoutMs: 1500 });
    system.behave('risk', { kind: 'hang' });
    feed.start();
    await time.advanceTo(1499);
    const first = system.callsTo('risk')[0]!;
    expect(first.signal.aborted).toBe(false);
    expect(view('risk').consecutiveFailures).toBe(0);
    await time.advanceTo(1500);
    expect(first.signal.aborted).toBe(true);
    expect(view('risk')).toMatchObject({ freshness: 'pending', consecutiveFailures: 1, lastFailure: { kind: 'timeout' } });
    expect(system.maxInFlight.get('risk')).toBe(1);
  });

  it('gives the polls started together one deadline timer, which times out only those still out', async () => {
    const { time, system, feed, view } = setup({ requestTimeoutMs: 1500 });
    system.behave('risk', { kind: 'hang' });
    feed.start();
    // Five requests out, one timer: their deadline.
    expect(time.timerCount).toBe(1);
    await time.advanceTo(1499);
    expect(system.callsTo('risk')[0]!.signal.aborted).toBe(false);
    await time.advanceTo(1500);
    expect(system.callsTo('risk')[0]!.signal.aborted).toBe(true);
    expect(view('risk')).toMatchObject({ consecutiveFailures: 1, lastFailure: { kind: 'timeout' } });
    for (const e of ['health', 'status', 'strategies', 'positions'] as const) {
      expect(system.callsTo(e)[0]!.signal.aborted, e).toBe(false);
      expect(view(e), e).toMatchObject({ freshness: 'fresh', consecutiveFailures: 0, lastFailure: null });
    }
  });

  it('backs off exponentially with jitter, within the documented bounds', async () => {
    const gapsWith = async (r: number) => {
      const { time, system, feed } = setup({ random: () => r });
      system.behave('status', network);
      feed.start();
      await time.advanceTo(120_000);
      const starts = system.callsTo('status').map((c) => c.startedAt);
      return starts.slice(1).map((s, i) => s - starts[i]!);
    };
    const low = await gapsWith(0);
    const high = await gapsWith(0.999);
    expect(low.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(high.slice(0, 4).map(Math.round)).toEqual([1999, 3998, 7996, 15_992]);
    expect(Math.max(...high)).toBeLessThan(30_000);
    expect(Math.max(...high)).toBeGreaterThan(29_000);
  });

  it('keeps judging honestly during a long backoff', async () => {
    const { time, system, feed, view } = setup();
    feed.start();
    await time.advance(0);
    system.behave('risk', network);
    await time.advanceTo(2001);
    expect(view('risk').freshness).toBe('stale');
    // Between polls the age keeps growing in the view.
    await time.advanceTo(3500);
    expect(view('risk').ageMs).toBe(3500);
  });
});

describe('poller: start and stop', () => {
  it('starts once however often it is asked', async () => {
    const { time, system, feed } = setup();
    feed.start();
    feed.start();
    await time.advance(0);
    expect(system.calls.length).toBe(ENDPOINT_NAMES.length);
  });

  it('aborts requests in flight on stop, resolves, and polls no more', async () => {
    const { time, system, feed, updates } = setup();
    system.behave(ENDPOINT_NAMES, { kind: 'hang' });
    feed.start();
    await time.advance(10);
    await feed.stop();
    expect(system.calls.every((c) => c.signal.aborted)).toBe(true);
    const calls = system.calls.length;
    const heard = updates.length;
    await time.advanceTo(60_000);
    expect(system.calls.length).toBe(calls);
    expect(updates.length).toBe(heard);
    expect(time.timerCount).toBe(0);
  });

  it('restarts every loop when started again before the stop has settled', async () => {
    const { time, system, feed, view } = setup();
    system.behave('positions', { kind: 'answer', delayMs: 500 });
    feed.start();
    await time.advance(100);
    void feed.stop();
    feed.start();
    await time.advanceTo(2000);
    expect(system.maxInFlight.get('positions')).toBe(1);
    expect(system.callsTo('positions').length).toBeGreaterThanOrEqual(3);
    expect(view('positions').freshness).toBe('fresh');
  });

  it('can start again after a stop and keeps what it knew', async () => {
    const { time, system, feed, view } = setup();
    feed.start();
    await time.advance(0);
    await feed.stop();
    const before = system.calls.length;
    feed.start();
    await time.advance(0);
    expect(system.calls.length).toBe(before + ENDPOINT_NAMES.length);
    expect(view('risk').freshness).toBe('fresh');
  });
});

describe('poller: recovery after an outage', () => {
  const down = network;

  it('keeps asking the health check at one to two intervals however long the system is down', async () => {
    for (const r of [0, 0.999]) {
      const { time, system, feed } = setup({ random: () => r });
      system.behave(ENDPOINT_NAMES, down);
      feed.start();
      await time.advanceTo(120_000);
      const starts = system.callsTo('health').map((c) => c.startedAt);
      const gaps = starts.slice(1).map((s, i) => s - starts[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(POLL);
      expect(Math.max(...gaps)).toBeLessThan(2 * POLL);
      expect(feed.snapshot().endpoints.health.consecutiveFailures).toBe(starts.length);
      await feed.stop();
    }
  });

  it('parks the other endpoints while the health check fails and resumes them on its first answer', async () => {
    const { time, system, feed, view } = setup();
    feed.start();
    await time.advance(0);
    system.behave(ENDPOINT_NAMES, down);
    await time.advanceTo(60_000);
    // One failed ask each after the outage began, then quiet: the system is not hammered.
    const during = system.callsTo('positions').filter((c) => c.startedAt > 0).length;
    expect(during).toBeLessThanOrEqual(2);
    for (const e of ENDPOINT_NAMES) expect(view(e).freshness).toBe('dead');

    system.behave(ENDPOINT_NAMES, { kind: 'answer' });
    const back = time.monotonic();
    const nextHealth = await untilCalled(time, system, 'health', back);
    for (const e of ENDPOINT_NAMES.filter((n) => n !== 'health')) {
      expect(system.callsTo(e).at(-1)!.startedAt).toBe(nextHealth);
    }
    for (const e of ENDPOINT_NAMES) expect(view(e)).toMatchObject({ freshness: 'fresh', consecutiveFailures: 0 });
    expect(nextHealth - back).toBeLessThan(2 * POLL);
  });

  it('cuts short an endpoint backing off from before the outage', async () => {
    const { time, system, feed, view } = setup();
    feed.start();
    await time.advance(0);
    system.behave('strategies', down);
    // random() = 0: strategies fails at 1, 2, 4, 8 s and waits 16 s after that.
    await time.advanceTo(8_500);
    expect(system.callsTo('strategies').at(-1)!.startedAt).toBe(8000);
    system.behave('health', down);
    await time.advanceTo(9_000);
    system.behave(ENDPOINT_NAMES, { kind: 'answer' });
    await time.advanceTo(10_000);
    expect(system.callsTo('strategies').at(-1)!.startedAt).toBe(10_000);
    expect(view('strategies').freshness).toBe('fresh');
  });

  it('asks again at once when a request sent during the outage fails after the system is back', async () => {
    const { time, system, feed, view } = setup({ requestTimeoutMs: 3000 });
    feed.start();
    await time.advance(0);
    system.behave('health', down);
    system.behave('risk', { kind: 'hang' });
    await time.advanceTo(1500);
    // risk's request from 1 s hangs until its deadline at 4 s; health answers again at 2 s.
    system.behave(ENDPOINT_NAMES, { kind: 'answer' });
    await time.advanceTo(4000);
    expect(system.callsTo('risk').map((c) => c.startedAt)).toEqual([0, 1000, 4000]);
    expect(view('risk')).toMatchObject({ freshness: 'fresh', consecutiveFailures: 0 });
  });

  it('still backs off an endpoint that fails on its own while the system answers', async () => {
    const { time, system, feed } = setup();
    feed.start();
    await time.advance(0);
    system.behave('health', down);
    await time.advanceTo(1500);
    system.behave('health', { kind: 'answer' });
    system.behave('positions', down);
    await time.advanceTo(20_000);
    const starts = system.callsTo('positions').map((c) => c.startedAt);
    const gaps = starts.slice(1).map((s, i) => s - starts[i]!);
    expect(gaps.slice(-2)).toEqual([4000, 8000]);
  });
});

/** Advances fake time a millisecond at a time until `endpoint` is asked after `since`; returns that instant. */
async function untilCalled(time: FakeTime, system: FakeTradingSystem, endpoint: EndpointName, since: number): Promise<number> {
  for (let i = 0; i < 10 * POLL; i++) {
    const call = system.callsTo(endpoint).find((c) => c.startedAt > since);
    if (call) {
      await time.advance(0);
      return call.startedAt;
    }
    await time.advance(1);
  }
  throw new Error(`${endpoint} not asked within ${10 * POLL} ms`);
}

describe('poller: two lanes', () => {
  const FAST = 250;

  it('asks health, status and risk at the fast interval and the books at the normal one', async () => {
    const { time, system, feed } = setup({ fastPollMs: FAST });
    feed.start();
    await time.advanceTo(2000);
    for (const e of ['health', 'status', 'risk'] as const) {
      expect(system.callsTo(e).map((c) => c.startedAt)).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
    }
    for (const e of ['positions', 'strategies'] as const) expect(system.callsTo(e).map((c) => c.startedAt)).toEqual([0, 1000, 2000]);
  });

  it('judges each endpoint by its own interval: status stale after two fast intervals, positions after two normal ones', async () => {
    const { time, system, feed, view } = setup({ fastPollMs: FAST });
    feed.start();
    await time.advance(0);
    system.behave(['status', 'positions'], { kind: 'hang' });
    await time.advanceTo(2 * FAST);
    expect(view('status').freshness).toBe('fresh');
    await time.advanceTo(2 * FAST + 1);
    expect(view('status').freshness).toBe('stale');
    expect(view('positions').freshness).toBe('fresh');
    await time.advanceTo(2 * POLL + 1);
    expect(view('positions').freshness).toBe('stale');
  });

  it('backs off a fast endpoint from its own interval', async () => {
    const { time, system, feed } = setup({ fastPollMs: FAST });
    feed.start();
    await time.advance(0);
    system.behave('risk', network);
    await time.advanceTo(5000);
    const starts = system.callsTo('risk').map((c) => c.startedAt);
    const gaps = starts.slice(1).map((s, i) => s - starts[i]!);
    expect(gaps.slice(0, 5)).toEqual([250, 250, 500, 1000, 2000]);
  });

  it('brings a poll that fell off its lane\'s beat back onto it, a little early and never late', async () => {
    const { time, system, feed } = setup({ fastPollMs: FAST });
    // A failure that took 40 ms to come: the retry begins 40 ms off the beat.
    system.behave('status', { ...network, delayMs: 40 });
    feed.start();
    await time.advance(0);
    system.behave('status', { kind: 'answer' });
    await time.advanceTo(1000);
    expect(system.callsTo('status').map((c) => c.startedAt)).toEqual([0, 290, 500, 750, 1000]);
    // Off by more than a quarter interval, the next poll keeps one interval after the last began.
    system.behave('risk', { ...network, delayMs: 100 });
    await time.advanceTo(1250);
    system.behave('risk', { kind: 'answer' });
    await time.advanceTo(2400);
    expect(system.callsTo('risk').map((c) => c.startedAt).filter((t) => t >= 1250)).toEqual([1250, 1600, 1850, 2100, 2350]);
  });

  it('starts with a firing poll timer the polls due within GATHER_MS of it', async () => {
    const { time, system, feed } = setup({ fastPollMs: FAST });
    // Both off the beat by more than a quarter interval, and a millisecond apart.
    system.behave('status', { ...network, delayMs: 100 });
    system.behave('risk', { ...network, delayMs: 101 });
    feed.start();
    await time.advance(0);
    system.behave(['status', 'risk'], { kind: 'answer' });
    await time.advanceTo(1000);
    expect(system.callsTo('status').map((c) => c.startedAt)).toEqual([0, 350, 600, 850]);
    // Without the gathering risk would start a millisecond after status, every time.
    expect(system.callsTo('risk').map((c) => c.startedAt)).toEqual([0, 350, 600, 850]);
  });

  it('keeps one risk point per normal interval in the history', async () => {
    const { time, feed } = setup({ fastPollMs: FAST });
    feed.start();
    await time.advanceTo(10_000);
    const t = feed.history().t;
    expect(t.length).toBe(11);
    expect(t.slice(1).map((x, i) => x - t[i]!)).toEqual(Array(10).fill(1000));
  });
});
