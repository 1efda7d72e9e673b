import { describe, expect, it } from 'vitest';
import type { Freshness } from '../../contract/live.js';
import type { EndpointViews } from '../../contract/live.js';
import { toAlertSnapshot } from './snapshot.js';

const TS = '2026-11-24T18:00:00.000Z';

function view<T>(data: T | null, freshness: Freshness, consecutiveFailures = 0) {
  return {
    freshness, data, receivedAt: data ? 1 : null, ageMs: data ? 0 : null, consecutiveFailures,
    invalidResponses: 0, lastFailure: null, clockSkewMs: null, timestampFrozen: false,
  };
}

function views(over: Partial<Record<keyof EndpointViews, Freshness>> = {}, healthFailures = 0): EndpointViews {
  return {
    health: { ...view({ status: 'ok' as const, version: '2.14.1', uptime_s: 10, timestamp: TS }, over.health ?? 'fresh', healthFailures),
      lastFailure: healthFailures > 0 ? { kind: 'timeout' as const, message: 'no answer', at: 1 } : null },
    status: view(
      {
        timestamp: TS, trading_enabled: true,
        killswitch: { active: false, reason: null, activated_at: null, source: null },
        exchanges: [
          { name: 'binance', connected: true, latency_ms: 3, last_message_at: TS, rate_limit_used_pct: 1 },
          { name: 'kraken', connected: false, latency_ms: 3, last_message_at: TS, rate_limit_used_pct: 1 },
        ],
        latency: { order_p50_ms: 1, order_p99_ms: 4.8, market_data_p99_ms: 0.9 },
        resources: { cpu_pct: 35, memory_pct: 61, disk_pct: 72.5 },
      },
      over.status ?? 'fresh',
    ),
    positions: view({ timestamp: TS, positions: [] }, over.positions ?? 'fresh'),
    strategies: view({ timestamp: TS, strategies: [] }, over.strategies ?? 'fresh'),
    risk: view(
      { timestamp: TS, daily_pnl_usd: -41_250, daily_loss_limit_usd: 50_000, loss_limit_used_pct: 82.5,
        gross_exposure_usd: 1, net_exposure_usd: 1, position_limit_usd: 1, killswitch_active: false },
      over.risk ?? 'fresh',
    ),
  };
}

describe('toAlertSnapshot', () => {
  it('takes the numbers the rules need from fresh views', () => {
    const s = toAlertSnapshot(views(), 1000);
    expect(s.status).toEqual({
      exchanges: [{ name: 'binance', connected: true }, { name: 'kraken', connected: false }],
      orderP99Ms: 4.8, diskPct: 72.5, killswitchActive: false, killswitchSource: null,
    });
    expect(s.risk).toEqual({ lossLimitUsedPct: 82.5, dailyPnlUsd: -41_250, dailyLossLimitUsd: 50_000, killswitchActive: false });
    expect(s.health).toEqual({ failedChecks: 0, answering: true, lastFailure: null, lastFailureAt: null, downUntil: null });
    expect(s.apiDead).toBe(false);
  });

  it('hides data that is stale, dead or pending, even though the view still holds it', () => {
    expect(toAlertSnapshot(views({ status: 'stale' }), 1000).status).toBeNull();
    expect(toAlertSnapshot(views({ risk: 'dead' }), 1000).risk).toBeNull();
    expect(toAlertSnapshot(views({ status: 'pending' }), 1000).status).toBeNull();
  });

  it('reports health failures, and how long the last one vouches for the system being down', () => {
    const s = toAlertSnapshot(views({ health: 'dead', status: 'dead', risk: 'dead' }, 2), 1000);
    expect(s.health).toEqual({ failedChecks: 2, answering: false, lastFailure: 'timeout: no answer', lastFailureAt: 1, downUntil: 1251 });
  });

  it('calls the API dead only on the status and risk endpoints\' own failures, not on their views dying with the health check', () => {
    const v = views({ health: 'dead', status: 'dead', risk: 'dead' }, 1);
    expect(toAlertSnapshot(v, 1000).apiDead).toBe(false);
    const own = { ...v, status: { ...v.status, consecutiveFailures: 3 }, risk: { ...v.risk, consecutiveFailures: 3 } };
    expect(toAlertSnapshot(own, 1000).apiDead).toBe(true);
    expect(toAlertSnapshot({ ...own, risk: { ...own.risk, consecutiveFailures: 2 } }, 1000).apiDead).toBe(false);
  });
});
