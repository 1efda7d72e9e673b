import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES, type EndpointName } from '../../contract/hft.js';
import type { LiveUpdate } from '../../contract/live.js';
import { createHftClient, type FetchFunction } from './client.js';
import { FAKE_EPOCH_MS, FakeTime, sampleAnswer } from '../../../test/support/hft-fakes.js';
import { createPoller, GATHER_PUBLISH_MS } from './poller.js';
import { answerFor, network, POLL, setup, stopAllFeeds, track } from '../../../test/support/poller-harness.js';

afterEach(stopAllFeeds);

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
    track(feed);
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
    track(feed);
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
  it('sends the results of polls started together as one update, holding only what changed; a late one alone', async () => {
    const { time, system, feed, updates } = setup();
    system.behave('status', { kind: 'answer', delayMs: 100 });
    feed.start();
    // Four instant answers wait for the fifth at most GATHER_PUBLISH_MS, then go out as one update.
    await time.advanceTo(GATHER_PUBLISH_MS - 1);
    expect(updates.length).toBe(0);
    await time.advanceTo(GATHER_PUBLISH_MS);
    expect(updates.length).toBe(1);
    expect(Object.keys(updates[0]!.endpoints).sort()).toEqual(['health', 'positions', 'risk', 'strategies']);
    await time.advanceTo(100);
    expect(updates.length).toBe(2);
    expect(Object.keys(updates[1]!.endpoints)).toEqual(['status']);
    // A round whose answers are all in goes out at once, in one update.
    system.behave('status', { kind: 'answer' });
    await time.advanceTo(1000);
    expect(updates.length).toBe(3);
    expect(Object.keys(updates[2]!.endpoints).sort()).toEqual([...ENDPOINT_NAMES].sort());
    expect(updates[2]!.at).toBe(FAKE_EPOCH_MS + 1000);
  });

  it('sends nothing after a stop, not even the results of a round still waiting for its last', async () => {
    const { time, system, feed, updates } = setup();
    system.behave('status', { kind: 'hang' });
    feed.start();
    await time.advanceTo(GATHER_PUBLISH_MS / 2);
    await feed.stop();
    await time.advanceTo(1000);
    expect(updates.length).toBe(0);
    expect(time.timerCount).toBe(0);
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
    // One update a round: at 0, 1 s and 2 s.
    expect(updates.map((u) => u.at)).toEqual([0, 1000, 2000].map((ms) => FAKE_EPOCH_MS + ms));
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
