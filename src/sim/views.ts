/**
 * The model as the trading system's API shows it: one function per read
 * endpoint of shared/hft-api.md, returning exactly the contract's types.
 *
 * `stampMs` is the instant written into timestamps; it is the request time
 * except when a frozen_timestamp fault holds it still.
 */
import type { Health, Positions, RiskSummary, Status, Strategies } from '../contract/hft.js';
import type { TradingModel } from './model.js';

/** The version the simulated system reports, as in shared/hft-api.md's example. */
export const SIM_VERSION = '2.14.1';
/** Disk use above which the system calls itself degraded, percent (the SEV2 line for disk). */
const DISK_DEGRADED_PCT = 95;

const iso = (ms: number) => new Date(ms).toISOString();
const round = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};
/** Enough significant digits for a price of 67,000 or of 0.12. */
const roundPrice = (x: number) => (x >= 1_000 ? round(x, 2) : x >= 1 ? round(x, 4) : round(x, 6));

export function healthView(model: TradingModel, nowMs: number, stampMs: number): Health {
  const degraded = model.exchanges.some((e) => !e.connected) || model.diskPct.value >= DISK_DEGRADED_PCT;
  return {
    status: degraded ? 'degraded' : 'ok',
    version: SIM_VERSION,
    uptime_s: Math.max(0, Math.floor((nowMs - model.startMs) / 1000)),
    timestamp: iso(stampMs),
  };
}

export function statusView(model: TradingModel, stampMs: number): Status {
  const k = model.killswitch;
  return {
    timestamp: iso(stampMs),
    trading_enabled: model.tradingEnabled,
    killswitch: {
      active: k.active,
      reason: k.reason,
      activated_at: k.activatedAtMs === null ? null : iso(k.activatedAtMs),
      source: k.source,
    },
    exchanges: model.exchanges.map((e) => ({
      name: e.name,
      connected: e.connected,
      latency_ms: round(e.latencyMs.value, 2),
      last_message_at: iso(Math.min(e.lastMessageMs, stampMs)),
      rate_limit_used_pct: round(e.rateLimitUsedPct.value, 1),
    })),
    latency: {
      order_p50_ms: round(model.orderP50Ms.value, 2),
      order_p99_ms: round(model.orderP99Ms.value, 2),
      market_data_p99_ms: round(model.marketDataP99Ms.value, 2),
    },
    resources: {
      cpu_pct: round(model.cpuPct.value, 1),
      memory_pct: round(model.memoryPct.value, 1),
      disk_pct: round(model.diskPct.value, 1),
    },
  };
}

export function positionsView(model: TradingModel, stampMs: number): Positions {
  const positions = new Array<Positions['positions'][number]>(model.positions.length);
  for (let i = 0; i < model.positions.length; i++) {
    const p = model.positions[i]!;
    const mark = model.markPrice(p);
    const direction = p.side === 'long' ? 1 : -1;
    positions[i] = {
      exchange: p.exchange,
      symbol: p.symbol,
      side: p.side,
      quantity: round(p.quantity, 6),
      avg_entry_price: roundPrice(p.avgEntryPrice),
      mark_price: roundPrice(mark),
      notional_usd: round(p.quantity * mark, 2),
      unrealized_pnl_usd: round((mark - p.avgEntryPrice) * p.quantity * direction, 2),
      strategy_id: p.strategyId,
    };
  }
  return { timestamp: iso(stampMs), positions };
}

export function strategiesView(model: TradingModel, stampMs: number): Strategies {
  return {
    timestamp: iso(stampMs),
    strategies: model.strategies.map((s) => ({
      strategy_id: s.id,
      name: s.name,
      status: s.status,
      exchanges: [...s.exchanges],
      performance: {
        daily_pnl_usd: round(model.strategyPnlUsd(s), 2),
        trades_today: Math.floor(s.trades),
        fill_rate_pct: round(s.fillRatePct.value, 1),
      },
    })),
  };
}

/** Gross and net exposure of the open positions at their current marks, USD. */
export function exposureUsd(model: TradingModel): { gross: number; net: number } {
  let gross = 0;
  let net = 0;
  for (const p of model.positions) {
    const notional = p.quantity * model.markPrice(p);
    gross += notional;
    net += p.side === 'long' ? notional : -notional;
  }
  return { gross, net };
}

export function riskView(model: TradingModel, stampMs: number): RiskSummary {
  // Rounded once, so the percentage a reader recomputes from the two dollar figures matches the one shown.
  const pnl = round(model.dailyPnlUsd(), 2);
  const { gross, net } = exposureUsd(model);
  return {
    timestamp: iso(stampMs),
    daily_pnl_usd: pnl,
    daily_loss_limit_usd: model.dailyLossLimitUsd,
    loss_limit_used_pct: round((Math.max(0, -pnl) / model.dailyLossLimitUsd) * 100, 2),
    gross_exposure_usd: round(gross, 2),
    net_exposure_usd: round(net, 2),
    position_limit_usd: model.positionLimitUsd,
    killswitch_active: model.killswitch.active,
  };
}
