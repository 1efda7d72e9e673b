/**
 * The trading system's management API (shared/hft-api.md) as zod schemas.
 *
 * These are the single source of truth for that boundary: the simulator
 * produces values of these types, the client validates every response with
 * them, and `hft-api.schema.json` beside this file is generated from them
 * (a test keeps the two in step). Types are `z.infer` of the schemas so
 * validation and typing cannot drift.
 */
import { z } from 'zod';

/** ISO-8601 instant as the trading system sends it, e.g. 2026-11-24T18:00:00.000Z. */
export const IsoTime = z.iso.datetime({ offset: true });

export const EXCHANGES = [
  'binance', 'coinbase', 'kraken', 'okx', 'bybit', 'bitfinex',
  'bitstamp', 'gemini', 'kucoin', 'deribit', 'htx', 'gateio',
] as const;

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptime_s: z.number().nonnegative(),
  timestamp: IsoTime,
});
export type Health = z.infer<typeof Health>;

export const KillswitchSource = z.enum(['manual', 'auto_loss_limit']);
export type KillswitchSource = z.infer<typeof KillswitchSource>;

export const KillswitchState = z.object({
  active: z.boolean(),
  reason: z.string().nullable(),
  activated_at: IsoTime.nullable(),
  source: KillswitchSource.nullable(),
});
export type KillswitchState = z.infer<typeof KillswitchState>;

export const ExchangeStatus = z.object({
  name: z.string().min(1),
  connected: z.boolean(),
  latency_ms: z.number().nonnegative(),
  last_message_at: IsoTime,
  rate_limit_used_pct: z.number().min(0),
});
export type ExchangeStatus = z.infer<typeof ExchangeStatus>;

export const Status = z.object({
  timestamp: IsoTime,
  trading_enabled: z.boolean(),
  killswitch: KillswitchState,
  exchanges: z.array(ExchangeStatus),
  latency: z.object({
    order_p50_ms: z.number().nonnegative(),
    order_p99_ms: z.number().nonnegative(),
    market_data_p99_ms: z.number().nonnegative(),
  }),
  resources: z.object({
    cpu_pct: z.number().min(0),
    memory_pct: z.number().min(0),
    disk_pct: z.number().min(0),
  }),
});
export type Status = z.infer<typeof Status>;

export const Position = z.object({
  exchange: z.string().min(1),
  symbol: z.string().min(1),
  side: z.enum(['long', 'short']),
  quantity: z.number().nonnegative(),
  avg_entry_price: z.number().nonnegative(),
  mark_price: z.number().nonnegative(),
  notional_usd: z.number(),
  unrealized_pnl_usd: z.number(),
  strategy_id: z.string().min(1),
});
export type Position = z.infer<typeof Position>;

export const Positions = z.object({
  timestamp: IsoTime,
  positions: z.array(Position),
});
export type Positions = z.infer<typeof Positions>;

export const StrategyStatus = z.enum(['running', 'stopped', 'paused', 'error']);
export type StrategyStatus = z.infer<typeof StrategyStatus>;

export const Strategy = z.object({
  strategy_id: z.string().min(1),
  name: z.string(),
  status: StrategyStatus,
  exchanges: z.array(z.string()),
  performance: z.object({
    daily_pnl_usd: z.number(),
    trades_today: z.number().int().nonnegative(),
    fill_rate_pct: z.number().min(0).max(100),
  }),
});
export type Strategy = z.infer<typeof Strategy>;

export const Strategies = z.object({
  timestamp: IsoTime,
  strategies: z.array(Strategy),
});
export type Strategies = z.infer<typeof Strategies>;

export const RiskSummary = z.object({
  timestamp: IsoTime,
  daily_pnl_usd: z.number(),
  daily_loss_limit_usd: z.number().positive(),
  loss_limit_used_pct: z.number().min(0),
  gross_exposure_usd: z.number().nonnegative(),
  net_exposure_usd: z.number(),
  position_limit_usd: z.number().positive(),
  killswitch_active: z.boolean(),
});
export type RiskSummary = z.infer<typeof RiskSummary>;

/** Body of POST /api/v1/killswitch and of a strategy stop. */
export const ReasonBody = z.object({ reason: z.string().trim().min(1) });
export type ReasonBody = z.infer<typeof ReasonBody>;

/** 200 answer of POST /api/v1/killswitch. */
export const KillswitchActivation = z.object({
  active: z.literal(true),
  reason: z.string(),
  activated_at: IsoTime,
  source: KillswitchSource,
});
export type KillswitchActivation = z.infer<typeof KillswitchActivation>;

export const StrategyCommandResult = z.object({
  strategy_id: z.string(),
  status: z.enum(['stopped', 'running']),
});
export type StrategyCommandResult = z.infer<typeof StrategyCommandResult>;

/** Every non-2xx answer carries this body. */
export const ApiError = z.object({ error: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** The polled read endpoints, by the name the cockpit uses for each. */
export const ENDPOINTS = {
  health: { path: '/api/v1/health', schema: Health },
  status: { path: '/api/v1/status', schema: Status },
  positions: { path: '/api/v1/positions', schema: Positions },
  strategies: { path: '/api/v1/strategies', schema: Strategies },
  risk: { path: '/api/v1/risk/summary', schema: RiskSummary },
} as const;
export type EndpointName = keyof typeof ENDPOINTS;
export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as EndpointName[];

/** The value each read endpoint answers with. */
export interface EndpointData {
  health: Health;
  status: Status;
  positions: Positions;
  strategies: Strategies;
  risk: RiskSummary;
}
