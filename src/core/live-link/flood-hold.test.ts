import { describe, expect, it } from 'vitest';
import type { Status } from '../../contract/hft.js';
import type { ApiRoute, EndpointViews, LiveUpdate } from '../../contract/live.js';
import { DEFAULT_PLAYBOOK } from '../playbook/index.js';
import { FloodHold, onlyNewNumbers, type Judging } from './flood-hold.js';

const iso = (ms: number) => new Date(ms).toISOString();
const fresh = <T>(data: T, at: number) => ({
  freshness: 'fresh' as const,
  data,
  receivedAt: at,
  ageMs: 0,
  consecutiveFailures: 0,
  invalidResponses: 0,
  lastFailure: null,
  clockSkewMs: 0,
  timestampFrozen: false,
});
const health = (at: number, status: 'ok' | 'degraded' = 'ok') => fresh({ status, version: '2.14.1', uptime_s: at / 1000, timestamp: iso(at) }, at);
const statusData = (at: number, over: Partial<Status> = {}): Status => ({
  timestamp: iso(at),
  trading_enabled: true,
  killswitch: { active: false, reason: null, activated_at: null, source: null },
  exchanges: [{ name: 'binance', connected: true, latency_ms: 3, last_message_at: iso(at), rate_limit_used_pct: 10 }],
  latency: { order_p50_ms: 1, order_p99_ms: 4, market_data_p99_ms: 2 },
  resources: { cpu_pct: 30, memory_pct: 40, disk_pct: 50 },
  ...over,
});
const update = (endpoints: Partial<EndpointViews>, apiRoute?: ApiRoute): LiveUpdate => ({ endpoints, pollMs: 1000, at: 0, ...(apiRoute ? { apiRoute } : {}) });
const route: ApiRoute = { kind: 'direct', via: null, note: null };
const shown: Partial<EndpointViews> = { health: health(0), status: fresh(statusData(0), 0) };
const SKEW: Judging = { playbook: DEFAULT_PLAYBOOK, pollMs: 1_000, skewWarnMs: 1_000 };

describe('onlyNewNumbers', () => {
  it('lets new numbers wait when every verdict stays as shown', () => {
    expect(onlyNewNumbers(update({ health: health(250), status: fresh(statusData(250, { latency: { order_p50_ms: 2, order_p99_ms: 9, market_data_p99_ms: 3 } }), 250) }, route), shown, route, SKEW)).toBe(true);
  });

  it('never lets a freshness verdict other than fresh wait, before or after', () => {
    expect(onlyNewNumbers(update({ health: { ...health(250), freshness: 'stale' } }), shown, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ health: health(250) }), { health: { ...health(0), freshness: 'stale' } }, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ health: health(250) }), {}, route, SKEW)).toBe(false);
  });

  it('never lets a failure, a rejected response, a frozen clock or a skew crossing its warning wait', () => {
    expect(onlyNewNumbers(update({ health: { ...health(250), consecutiveFailures: 1 } }), shown, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ health: { ...health(250), invalidResponses: 1 } }), shown, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ health: { ...health(250), lastFailure: { kind: 'timeout', message: 'slow', at: 200 } } }), shown, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ health: { ...health(250), timestampFrozen: true } }), shown, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ health: { ...health(250), clockSkewMs: 1_500 } }), shown, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ health: { ...health(250), clockSkewMs: 900 } }), shown, route, SKEW)).toBe(true);
  });

  it('never lets a change in what the verdicts are made of wait', () => {
    expect(onlyNewNumbers(update({ health: health(250, 'degraded') }), shown, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ status: fresh(statusData(250, { trading_enabled: false }), 250) }), shown, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ status: fresh(statusData(250, { killswitch: { active: true, reason: 'x', activated_at: iso(200), source: 'manual' } }), 250) }), shown, route, SKEW)).toBe(false);
    const down = statusData(250);
    down.exchanges = [{ ...down.exchanges[0]!, connected: false }];
    expect(onlyNewNumbers(update({ status: fresh(down, 250) }), shown, route, SKEW)).toBe(false);
    const risk = (active: boolean) => fresh({ timestamp: iso(0), daily_pnl_usd: 1, daily_loss_limit_usd: 10, loss_limit_used_pct: 0, gross_exposure_usd: 0, net_exposure_usd: 0, position_limit_usd: 1, killswitch_active: active }, 0);
    expect(onlyNewNumbers(update({ risk: risk(true) }), { risk: risk(false) }, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ risk: risk(false) }), { risk: risk(false) }, route, SKEW)).toBe(true);
  });

  it('never lets a number crossing one of the playbook\'s marks wait: the loss limit\'s, the latency\'s, the disk\'s', () => {
    const d = DEFAULT_PLAYBOOK.scenarios;
    const riskAt = (pct: number) => fresh({ timestamp: iso(0), daily_pnl_usd: -pct * 500, daily_loss_limit_usd: 50_000, loss_limit_used_pct: pct, gross_exposure_usd: 0, net_exposure_usd: 0, position_limit_usd: 1, killswitch_active: false }, 0);
    const book = (pct: number, p99 = 4, disk = 50) => ({
      ...shown,
      status: fresh(statusData(0, { latency: { order_p50_ms: 1, order_p99_ms: p99, market_data_p99_ms: 2 }, resources: { cpu_pct: 30, memory_pct: 40, disk_pct: disk } }), 0),
      risk: riskAt(pct),
    });
    const prepare = d.loss_limit.detection.prepareKillPct;
    expect(onlyNewNumbers(update({ risk: riskAt(prepare - 2) }), book(prepare - 3), route, SKEW)).toBe(true);
    expect(onlyNewNumbers(update({ risk: riskAt(prepare) }), book(prepare - 1), route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ risk: riskAt(prepare + 2) }), book(prepare + 1), route, SKEW)).toBe(true);
    expect(onlyNewNumbers(update({ risk: riskAt(d.loss_limit.detection.approachingPct) }), book(d.loss_limit.detection.approachingPct - 1), route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ risk: riskAt(100) }), book(99), route, SKEW)).toBe(false);
    const p99 = d.high_latency.detection.orderP99ThresholdMs;
    expect(onlyNewNumbers(update({ status: book(0, p99 + 1).status }), book(0, p99 - 1), route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({ status: book(0, p99 - 2).status }), book(0, p99 - 1), route, SKEW)).toBe(true);
    expect(onlyNewNumbers(update({ status: book(0, 4, 99).status }), book(0, 4, 50), route, SKEW)).toBe(false);
  });

  it('never lets a new API route wait', () => {
    expect(onlyNewNumbers(update({}, { kind: 'ssh', via: 'prod-1', note: null }), shown, route, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({}, route), shown, null, SKEW)).toBe(false);
    expect(onlyNewNumbers(update({}), shown, null, SKEW)).toBe(true);
  });
});

describe('FloodHold', () => {
  it('commits at most once per gap what may wait, then everything that waited, in order', () => {
    const hold = new FloodHold<string>();
    expect(hold.offer('a', 0, true, 1_000)).toEqual(['a']);
    expect(hold.dueAt).toBeNull();
    expect(hold.offer('b', 250, true, 1_000)).toEqual([]);
    expect(hold.offer('c', 500, true, 1_000)).toEqual([]);
    expect(hold.dueAt).toBe(1_000);
    expect(hold.release(1_000)).toEqual(['b', 'c']);
    expect(hold.dueAt).toBeNull();
    // The gap runs from that commit.
    expect(hold.offer('d', 1_250, true, 1_000)).toEqual([]);
    expect(hold.offer('e', 2_000, true, 1_000)).toEqual(['d', 'e']);
  });

  it('commits at once what may not wait, after what waited before it', () => {
    const hold = new FloodHold<string>();
    hold.offer('a', 0, true, 1_000);
    expect(hold.offer('b', 100, true, 1_000)).toEqual([]);
    expect(hold.offer('bad news', 200, false, 1_000)).toEqual(['b', 'bad news']);
    expect(hold.dueAt).toBeNull();
  });
});
