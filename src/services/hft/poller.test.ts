import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINTS, ENDPOINT_NAMES, type EndpointName } from '../../contract/hft.js';
import type { LiveUpdate } from '../../contract/live.js';
import { createHftClient, type FetchFunction } from './client.js';
import { FAKE_EPOCH_MS, FakeTime, FakeTradingSystem, sampleAnswer } from './fakes.js';
import { createPoller, type PollerOptions } from './poller.js';
import type { LiveFeed } from './feed.js';

const POLL = 1000;
const network = { kind: 'fail', failure: { kind: 'network', message: 'connection refused' } } as const;

/** A valid answer for whichever endpoint `url` names, stamped at `wallMs`. */
function answerFor(url: string, wallMs: number): Response {
  const name = ENDPOINT_NAMES.find((e) => url.endsWith(ENDPOINTS[e].path))!;
  return new Response(JSON.stringify(sampleAnswer(name, new Date(wallMs).toISOString())));
}

let feeds: LiveFeed[] = [];
afterEach(async () => {
  await Promise.all(feeds.map((f) => f.stop()));
  feeds = [];
});

function setup(over: Partial<PollerOptions> = {}) {
  const time = new FakeTime();
  const system = new FakeTradingSystem(time);
  const feed = createPoller({
    client: system,
    clock: time,
    timers: time,
    pollMs: POLL,
    requestTimeoutMs: 5000,
    random: () => 0,
    ...over,
  });
  feeds.push(feed);
  const updates: LiveUpdate[] = [];
  feed.subscribe((u) => updates.push(u));
  const view = <E extends EndpointName>(e: E) => feed.snapshot().endpoints[e];
  return { time, system, feed, updates, view };
}

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

describe('poller: what the view shows', () => {
  it('reports the clock skew of the server, corrected by half the round trip', async () => {
    const { time, system, feed, view } = setup();
    system.behave('status', { kind: 'answer', delayMs: 200, serverOffsetMs: 5000 });
    system.behave('risk', { kind: 'answer', delayMs: 400, serverOffsetMs: -750 });
    feed.start();
    await time.advanceTo(400);
    expect(view('status').clockSkewMs).toBe(5000);
    expect(view('risk').clockSkewMs).toBe(-750);
    expect(view('health').clockSkewMs).toBe(0);
  });

  it('flags a frozen server timestamp and shows the view stale, then clears on movement', async () => {
    const { time, system, feed, view, updates } = setup();
    system.behave('risk', { kind: 'answer', frozenAt: FAKE_EPOCH_MS });
    feed.start();
    await time.advanceTo(2000);
    expect(view('risk')).toMatchObject({ freshness: 'fresh', timestampFrozen: false });
    await time.advanceTo(3000);
    // Three repeats of the same timestamp over three intervals.
    expect(view('risk')).toMatchObject({ freshness: 'stale', timestampFrozen: true, ageMs: 0 });
    expect(updates.at(-1)?.endpoints.risk?.timestampFrozen).toBe(true);
    system.behave('risk', { kind: 'answer' });
    await time.advanceTo(4000);
    expect(view('risk')).toMatchObject({ freshness: 'fresh', timestampFrozen: false });
  });

  it('counts invalid answers and never shows them as data', async () => {
    const time = new FakeTime();
    let body: unknown = sampleAnswer('positions', new Date(FAKE_EPOCH_MS).toISOString());
    const fetch: FetchFunction = async (url) =>
      url.endsWith('/positions') ? new Response(JSON.stringify(body)) : answerFor(url, time.now());
    const feed = createPoller({ client: createHftClient({ baseUrl: 'http://h', fetch }), clock: time, timers: time, random: () => 0 });
    feeds.push(feed);
    feed.start();
    await time.advance(0);
    const good = feed.snapshot().endpoints.positions.data;
    expect(good?.positions[0]?.symbol).toBe('BTC-USDT');
    body = { timestamp: 'yesterday', positions: [{ symbol: 'EVIL' }] };
    await time.advanceTo(1000);
    await time.advanceTo(2000);
    const v = feed.snapshot().endpoints.positions;
    expect(v).toMatchObject({ invalidResponses: 2, consecutiveFailures: 2, lastFailure: { kind: 'invalid' } });
    expect(v.lastFailure?.message).toContain('timestamp');
    expect(v.data).toBe(good);
    expect(JSON.stringify(feed.snapshot())).not.toContain('EVIL');
  });

  it('refuses an answer past the body cap as invalid', async () => {
    const time = new FakeTime();
    const fetch: FetchFunction = async (url) =>
      url.endsWith('/positions') ? new Response('x'.repeat(4096)) : answerFor(url, time.now());
    const feed = createPoller({
      client: createHftClient({ baseUrl: 'http://h', fetch, maxBodyBytes: 1024 }),
      clock: time,
      timers: time,
    });
    feeds.push(feed);
    feed.start();
    await time.advance(0);
    expect(feed.snapshot().endpoints.positions).toMatchObject({
      freshness: 'pending',
      data: null,
      invalidResponses: 1,
      lastFailure: { kind: 'invalid', message: expect.stringContaining('larger than 1024 bytes') },
    });
    expect(feed.snapshot().endpoints.health.freshness).toBe('fresh');
  });

  it('hands out the validated answer itself, not a copy', async () => {
    const { time, system, feed } = setup();
    feed.start();
    await time.advance(0);
    expect(feed.snapshot().endpoints.positions.data).toBe(system.lastAnswer.get('positions'));
  });
});

describe('poller: updates and history', () => {
  it('sends one update per result, holding only what changed', async () => {
    const { time, system, feed, updates } = setup();
    system.behave('status', { kind: 'answer', delayMs: 100 });
    feed.start();
    await time.advanceTo(50);
    // Four instant answers: four updates of one endpoint each.
    expect(updates.length).toBe(4);
    for (const u of updates) expect(Object.keys(u.endpoints).length).toBe(1);
    await time.advanceTo(100);
    expect(updates.length).toBe(5);
    expect(Object.keys(updates[4]!.endpoints)).toEqual(['status']);
  });

  it('sends nothing when a result changes nothing', async () => {
    const { time, system, feed, updates } = setup();
    system.behave(ENDPOINT_NAMES, network);
    feed.start();
    await time.advance(0);
    const afterFirst = updates.length;
    expect(afterFirst).toBeGreaterThan(0);
    // Failures keep changing the count, so updates keep coming; an idle stretch does not.
    await time.advanceTo(999);
    expect(updates.length).toBe(afterFirst);
  });

  it('keeps the risk history from good answers, within the window', async () => {
    // 0.001 h at 1 s polls: capacity for 4 points.
    const { time, system, feed } = setup({ historyHours: 0.001 });
    let pnl = -100;
    feed.start();
    for (let i = 0; i < 6; i++) {
      system.behave('risk', { kind: 'answer', patch: { daily_pnl_usd: pnl, loss_limit_used_pct: -pnl / 500 } });
      await time.advanceTo(i * POLL);
      pnl -= 100;
    }
    system.behave('risk', network);
    await time.advanceTo(6 * POLL);
    const h = feed.history();
    expect(h.t).toEqual([2, 3, 4, 5].map((i) => FAKE_EPOCH_MS + i * POLL));
    expect(h.dailyPnlUsd).toEqual([-300, -400, -500, -600]);
    expect(h.lossLimitUsedPct).toEqual([0.6, 0.8, 1, 1.2]);
  });

  it('keeps polling when a subscriber throws', async () => {
    const { time, feed, updates } = setup();
    feed.subscribe(() => {
      throw new Error('broken panel');
    });
    feed.start();
    await time.advanceTo(2000);
    expect(updates.length).toBeGreaterThan(10);
  });

  it('keeps polling when the client throws instead of answering', async () => {
    const { time, system, feed, view } = setup();
    let throwing = true;
    const get = system.get.bind(system);
    system.get = ((name: EndpointName, signal: AbortSignal) => {
      if (throwing && name === 'status') throw new Error('client bug');
      return get(name, signal);
    }) as typeof system.get;
    feed.start();
    await time.advance(0);
    expect(view('status')).toMatchObject({ consecutiveFailures: 1, lastFailure: { kind: 'network', message: 'status: Error: client bug' } });
    throwing = false;
    await time.advanceTo(1000);
    expect(view('status')).toMatchObject({ freshness: 'fresh', consecutiveFailures: 0 });
  });

  it('stops unsubscribed listeners from hearing anything', async () => {
    const { time, feed } = setup();
    const heard: LiveUpdate[] = [];
    const off = feed.subscribe((u) => heard.push(u));
    off();
    feed.start();
    await time.advanceTo(1000);
    expect(heard).toEqual([]);
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
