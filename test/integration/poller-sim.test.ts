/**
 * The real client and poller against the real simulator over loopback HTTP,
 * through every fault the simulator can put on its API. For each: the poller
 * keeps running, shows the state an on-call engineer must see, and recovers
 * on the first good poll after the fault is switched off.
 *
 * Polling is sped up (200 ms, a 600 ms deadline, backoff capped at 800 ms)
 * so each case runs in a couple of seconds; the judgement is the same at 1 s.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES, type EndpointName } from '../../src/contract/hft.js';
import type { LiveSnapshot, LiveUpdate } from '../../src/contract/live.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index.js';
import { systemClock } from '../../src/services/clock.js';
import { createHftClient } from '../../src/services/hft/client.js';
import type { LiveFeed } from '../../src/services/hft/feed.js';
import { createPoller, type PollerOptions } from '../../src/services/hft/poller.js';

const POLL_MS = 200;
const TIMEOUT_MS = 600;
const BACKOFF_CAP_MS = 800;
/** Longest a recovery may take: a request that was already hung, the longest backoff wait, one poll, slack for two busy cores. */
const RECOVERY_MS = TIMEOUT_MS + BACKOFF_CAP_MS + POLL_MS + 1500;
const WAIT_MS = 8000;

let sim: SimulatorHandle;
let feed: LiveFeed | null = null;
let updates: LiveUpdate[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 7 });
});

afterAll(async () => {
  await sim.close();
});

afterEach(async () => {
  await feed?.stop();
  feed = null;
  await clearFaults();
});

async function control(method: 'POST' | 'DELETE', body?: unknown): Promise<void> {
  const res = await fetch(`${sim.url}/sim/v1/scenario`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, await res.text()).toBe(200);
}
const fault = (body: Record<string, unknown>) => control('POST', body);
const clearFaults = () => control('DELETE');

function startFeed(over: Partial<PollerOptions> = {}): LiveFeed {
  const client = createHftClient({ baseUrl: sim.url });
  feed = createPoller({
    client,
    clock: systemClock,
    pollMs: POLL_MS,
    requestTimeoutMs: TIMEOUT_MS,
    backoffCapMs: BACKOFF_CAP_MS,
    ...over,
  });
  updates = [];
  feed.subscribe((u) => updates.push(u));
  feed.start();
  return feed;
}

const summary = (s: LiveSnapshot) =>
  ENDPOINT_NAMES.map((e) => `${e}=${s.endpoints[e].freshness}/${s.endpoints[e].consecutiveFailures}`).join(' ');

/** Polls the feed's snapshot until `ok` holds, for at most `withinMs`. */
async function waitFor(f: LiveFeed, ok: (s: LiveSnapshot) => boolean, withinMs = WAIT_MS): Promise<LiveSnapshot> {
  const deadline = performance.now() + withinMs;
  let last = f.snapshot();
  while (performance.now() < deadline) {
    last = f.snapshot();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`condition not met within ${withinMs} ms; last: ${summary(last)}`);
}

const allFresh = (s: LiveSnapshot) => ENDPOINT_NAMES.every((e) => s.endpoints[e].freshness === 'fresh');
const othersFresh = (s: LiveSnapshot, except: EndpointName) =>
  ENDPOINT_NAMES.filter((e) => e !== except).every((e) => s.endpoints[e].freshness === 'fresh');

/**
 * Switches the faults off and checks the endpoint comes back on its first
 * good answer: the first update carrying new data for it is already fresh,
 * with the failure count reset.
 */
async function expectRecovery(f: LiveFeed, endpoint: EndpointName): Promise<void> {
  const before = f.snapshot().endpoints[endpoint].data;
  const seenBefore = updates.length;
  const clearedAt = performance.now();
  await clearFaults();
  await waitFor(f, (s) => s.endpoints[endpoint].data !== before && s.endpoints[endpoint].freshness === 'fresh', RECOVERY_MS + 2000);
  expect(performance.now() - clearedAt).toBeLessThan(RECOVERY_MS);
  const firstNew = updates.slice(seenBefore).find((u) => {
    const v = u.endpoints[endpoint];
    return v !== undefined && v.data !== before;
  });
  expect(firstNew?.endpoints[endpoint]).toMatchObject({ freshness: 'fresh', consecutiveFailures: 0, timestampFrozen: false });
  await waitFor(f, allFresh);
}

describe('poller against the simulator', () => {
  it('shows every endpoint fresh, validated, with a small clock skew and a growing risk history', async () => {
    const f = startFeed();
    const s = await waitFor(f, allFresh);
    expect(s.endpoints.positions.data?.positions.length).toBeGreaterThan(0);
    expect(s.endpoints.strategies.data?.strategies.length).toBeGreaterThan(0);
    expect(s.endpoints.health.data?.status).toBe('ok');
    for (const e of ENDPOINT_NAMES) {
      // Same host, same clock: skew is only the error of the half round-trip guess.
      expect(Math.abs(s.endpoints[e].clockSkewMs!)).toBeLessThan(100);
      expect(s.endpoints[e].timestampFrozen).toBe(false);
    }
    await waitFor(f, () => f.history().t.length >= 3);
    const h = f.history();
    expect(h.dailyPnlUsd.length).toBe(h.t.length);
    expect(h.t).toEqual([...h.t].sort((a, b) => a - b));
  });

  it('http_500 on one endpoint: that one fails as http 500 and goes dead, the rest stay fresh', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'http_500', target: 'status' });
    const s = await waitFor(f, (x) => x.endpoints.status.freshness === 'dead');
    expect(s.endpoints.status.lastFailure).toMatchObject({ kind: 'http', message: expect.stringContaining('HTTP 500: internal server error') });
    expect(s.endpoints.status.data).not.toBeNull();
    expect(othersFresh(s, 'status')).toBe(true);
    await expectRecovery(f, 'status');
  });

  it('http_500 on the health check: every endpoint is dead, however good its own answers', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'http_500', target: 'health' });
    const s = await waitFor(f, (x) => ENDPOINT_NAMES.every((e) => x.endpoints[e].freshness === 'dead'));
    expect(s.endpoints.risk.consecutiveFailures).toBe(0);
    await expectRecovery(f, 'health');
  });

  /**
   * A body fault: once it is in force no answer may become data. The data
   * shown is pinned from the second rejected answer on (a request already in
   * flight when the fault began may still have been good).
   */
  async function expectRejectedWhileFaulty(f: LiveFeed, endpoint: EndpointName, message: RegExp): Promise<void> {
    const first = await waitFor(f, (x) => x.endpoints[endpoint].invalidResponses >= 2);
    const pinned = first.endpoints[endpoint].data;
    expect(pinned).not.toBeNull();
    const later = await waitFor(f, (x) => x.endpoints[endpoint].invalidResponses >= 4);
    const view = later.endpoints[endpoint];
    expect(view.data).toBe(pinned);
    expect(view.lastFailure?.kind).toBe('invalid');
    expect(view.lastFailure?.message).toMatch(message);
    expect(view.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(view.freshness).toBe('dead');
  }

  it('malformed_json: rejected as not JSON, counted, never shown', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'malformed_json', target: 'positions' });
    await expectRejectedWhileFaulty(f, 'positions', /^\/api\/v1\/positions: not JSON/);
    await expectRecovery(f, 'positions');
  });

  it('schema_drift: rejected naming the first drifted field', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'schema_drift', target: 'strategies' });
    await expectRejectedWhileFaulty(f, 'strategies', /strategies\[0\]\.performance\.(daily_pnl_usd|trades_today)/);
    await expectRecovery(f, 'strategies');
  });

  it('schema_drift on the health check takes every endpoint down', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'schema_drift', target: 'health' });
    const s = await waitFor(f, (x) => ENDPOINT_NAMES.every((e) => x.endpoints[e].freshness === 'dead'));
    expect(s.endpoints.health.lastFailure?.kind).toBe('invalid');
    await expectRecovery(f, 'health');
  });

  it('huge_payload: refused at the body cap as invalid', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    // 32 MB, past the client's 16 MiB cap.
    await fault({ name: 'huge_payload', target: 'positions', size_mb: 32 });
    await expectRejectedWhileFaulty(f, 'positions', /larger than \d+ bytes/);
    await expectRecovery(f, 'positions');
  });

  it('slow, within the deadline: late answers still count', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'slow', target: 'risk', delay_ms: 150 });
    const since = f.snapshot().endpoints.risk.data;
    const s = await waitFor(f, (x) => x.endpoints.risk.data !== since);
    expect(s.endpoints.risk).toMatchObject({ freshness: 'fresh', consecutiveFailures: 0 });
    // The half round-trip correction keeps the skew honest despite the delay.
    expect(Math.abs(s.endpoints.risk.clockSkewMs!)).toBeLessThan(120);
  });

  it('slow, past the deadline: timeouts, then dead', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'slow', target: 'risk', delay_ms: 1500 });
    const stale = await waitFor(f, (x) => x.endpoints.risk.freshness === 'stale');
    expect(stale.endpoints.risk.consecutiveFailures).toBeLessThan(3);
    const s = await waitFor(f, (x) => x.endpoints.risk.freshness === 'dead');
    expect(s.endpoints.risk.lastFailure).toMatchObject({ kind: 'timeout' });
    expect(othersFresh(s, 'risk')).toBe(true);
    await expectRecovery(f, 'risk');
  });

  it('hang: each request is cut at its deadline, one at a time, then dead', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'hang', target: 'status' });
    const s = await waitFor(f, (x) => x.endpoints.status.freshness === 'dead');
    expect(s.endpoints.status.lastFailure).toMatchObject({ kind: 'timeout' });
    // Three deadlines in a row, one request at a time, plus the backoff between them.
    expect(s.endpoints.status.ageMs!).toBeGreaterThan(3 * TIMEOUT_MS);
    await expectRecovery(f, 'status');
  });

  it('frozen_timestamp: answers keep arriving but the view is stale and flagged', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'frozen_timestamp', target: 'risk' });
    const s = await waitFor(f, (x) => x.endpoints.risk.timestampFrozen);
    expect(s.endpoints.risk.freshness).toBe('stale');
    expect(s.endpoints.risk.consecutiveFailures).toBe(0);
    // Answered recently: it is the server's clock that stopped, not the polling.
    expect(s.endpoints.risk.ageMs!).toBeLessThan(2 * POLL_MS);
    expect(othersFresh(s, 'risk')).toBe(true);
    await expectRecovery(f, 'risk');
  });

  it('crash: connections drop, every endpoint is dead with a network failure', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'crash' });
    const s = await waitFor(f, (x) => ENDPOINT_NAMES.every((e) => x.endpoints[e].freshness === 'dead'));
    expect(s.endpoints.health.lastFailure?.kind).toBe('network');
    for (const e of ENDPOINT_NAMES) expect(s.endpoints[e].data).not.toBeNull();
    await expectRecovery(f, 'health');
  });

  it('a fault with no target hits everything; all recover together', async () => {
    const f = startFeed();
    await waitFor(f, allFresh);
    await fault({ name: 'http_500' });
    // Health keeps counting; the others stop asking after their first failure while it fails.
    const s = await waitFor(f, (x) => x.endpoints.health.consecutiveFailures >= 3 && ENDPOINT_NAMES.every((e) => x.endpoints[e].freshness === 'dead'));
    for (const e of ENDPOINT_NAMES) expect(s.endpoints[e].lastFailure?.kind).toBe('http');
    // Health first: until it answers, an endpoint's own good answer still shows dead.
    await expectRecovery(f, 'health');
  });

  /**
   * With the production backoff cap (30 s), a 6 s outage leaves the other
   * endpoints' loops waiting several seconds; recovery must not wait for them.
   * Two intervals is the guarantee; the slack is for a shared, busy machine.
   */
  it('crash then recovery: every panel is fresh within two intervals of the API coming back', async () => {
    const f = startFeed({ backoffCapMs: 30_000, requestTimeoutMs: 2000 });
    await waitFor(f, allFresh);
    await fault({ name: 'crash' });
    await waitFor(f, (x) => ENDPOINT_NAMES.every((e) => x.endpoints[e].freshness === 'dead'));
    await new Promise((r) => setTimeout(r, 6000));
    const healthAsks = f.snapshot().endpoints.health.consecutiveFailures;
    // Asked at one to two intervals throughout: 6 s at 200 ms is 15 to 30 asks.
    expect(healthAsks).toBeGreaterThanOrEqual(15);
    const clearedAt = performance.now();
    await clearFaults();
    await waitFor(f, allFresh, 5000);
    const recoveredMs = performance.now() - clearedAt;
    expect(recoveredMs).toBeLessThan(2 * POLL_MS + 600);
  });
});
