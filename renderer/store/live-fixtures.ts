/**
 * Plausible live data for the store's tests and the update bench: a book of
 * positions across the twelve exchanges, a few strategies, a risk summary.
 * Deterministic, so a test can say exactly which rows changed.
 */
import { EXCHANGES, type Position, type Strategy } from '../../src/contract/hft.js';
import type { EndpointViews, LiveSnapshot } from '../../src/contract/live.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function samplePositions(count: number, strategies = 40): Position[] {
  return Array.from({ length: count }, (_, i) => {
    const qty = 0.5 + (i % 17) / 4;
    const entry = 100 + (i % 997);
    const mark = entry * (1 + ((i % 13) - 6) / 1000);
    const side = i % 3 === 0 ? 'short' : 'long';
    return {
      exchange: EXCHANGES[i % EXCHANGES.length]!,
      symbol: `SYM${Math.floor(i / EXCHANGES.length)}-USDT`,
      side,
      quantity: qty,
      avg_entry_price: entry,
      mark_price: mark,
      notional_usd: qty * mark,
      unrealized_pnl_usd: (mark - entry) * qty * (side === 'long' ? 1 : -1),
      strategy_id: `strat-${i % strategies}`,
    };
  });
}

export function sampleStrategies(count: number): Strategy[] {
  return Array.from({ length: count }, (_, i) => ({
    strategy_id: `strat-${i}`,
    name: `Strategy ${i}`,
    status: i % 9 === 4 ? 'error' : 'running',
    exchanges: [EXCHANGES[i % EXCHANGES.length]!, EXCHANGES[(i + 3) % EXCHANGES.length]!],
    performance: { daily_pnl_usd: ((i * 7919) % 4001) - 2000, trades_today: 1000 + i, fill_rate_pct: 40 },
  }));
}

const view = <T>(data: T, at: number) => ({
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

export function sampleEndpoints(at: number, positions: Position[], strategies: Strategy[]): EndpointViews {
  return {
    health: view({ status: 'ok' as const, version: '2.14.1', uptime_s: 86_400, timestamp: iso(at) }, at),
    status: view(
      {
        timestamp: iso(at),
        trading_enabled: true,
        killswitch: { active: false, reason: null, activated_at: null, source: null },
        exchanges: EXCHANGES.map((name, i) => ({
          name,
          connected: i !== 5,
          latency_ms: 2 + i,
          last_message_at: iso(at - 100 * i),
          rate_limit_used_pct: 10 + i,
        })),
        latency: { order_p50_ms: 1.1, order_p99_ms: 4.8, market_data_p99_ms: 0.9 },
        resources: { cpu_pct: 35, memory_pct: 61.2, disk_pct: 72.5 },
      },
      at,
    ),
    positions: view({ timestamp: iso(at), positions }, at),
    strategies: view({ timestamp: iso(at), strategies }, at),
    risk: view(
      {
        timestamp: iso(at),
        daily_pnl_usd: -41_250,
        daily_loss_limit_usd: 50_000,
        loss_limit_used_pct: 82.5,
        gross_exposure_usd: 2_450_000,
        net_exposure_usd: 120_000,
        position_limit_usd: 5_000_000,
        killswitch_active: false,
      },
      at,
    ),
  };
}

export function sampleSnapshot(at: number, positionCount = 100): LiveSnapshot {
  return { endpoints: sampleEndpoints(at, samplePositions(positionCount), sampleStrategies(40)), pollMs: 1000, at };
}

/** A copy of `positions` as a new poll would bring it: every object new, `changed` rows marked to market. */
export function repoll(positions: readonly Position[], changed: readonly number[]): Position[] {
  const moved = new Set(changed);
  return positions.map((p, i) =>
    moved.has(i) ? { ...p, mark_price: p.mark_price + 1, unrealized_pnl_usd: p.unrealized_pnl_usd + p.quantity } : { ...p },
  );
}
