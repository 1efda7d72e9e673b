/**
 * What a killswitch press is about to stop, as the dialog lists it: the
 * strategies still trading, the exposure, today's P&L against the loss
 * limit, and the open positions by exchange (positions stay open after a
 * halt: flattening them is the desk's call, so the engineer should see
 * what is left). Pure: the dialog feeds it the live store's data.
 */
import type { Positions, RiskSummary, Strategies } from '../../src/contract/hft.js';

export interface ExchangeExposure {
  exchange: string;
  positions: number;
  /** Sum of |notional|, USD. */
  grossUsd: number;
  /** Longs minus shorts, USD. */
  netUsd: number;
}

export interface HaltPreview {
  /** Not yet stopped: running, paused or errored (a paused one resumes at a word). */
  strategiesToStop: number | null;
  strategiesRunning: number | null;
  grossExposureUsd: number | null;
  netExposureUsd: number | null;
  dailyPnlUsd: number | null;
  lossLimitUsd: number | null;
  lossLimitUsedPct: number | null;
  /** Largest gross first. */
  byExchange: ExchangeExposure[] | null;
}

export function haltPreview(strategies: Strategies | null, risk: RiskSummary | null, positions: Positions | null): HaltPreview {
  return {
    strategiesToStop: strategies ? strategies.strategies.filter((s) => s.status !== 'stopped').length : null,
    strategiesRunning: strategies ? strategies.strategies.filter((s) => s.status === 'running').length : null,
    grossExposureUsd: risk?.gross_exposure_usd ?? null,
    netExposureUsd: risk?.net_exposure_usd ?? null,
    dailyPnlUsd: risk?.daily_pnl_usd ?? null,
    lossLimitUsd: risk?.daily_loss_limit_usd ?? null,
    lossLimitUsedPct: risk?.loss_limit_used_pct ?? null,
    byExchange: positions ? exposureByExchange(positions) : null,
  };
}

export function exposureByExchange(positions: Positions): ExchangeExposure[] {
  const rows = new Map<string, ExchangeExposure>();
  for (const p of positions.positions) {
    const row = rows.get(p.exchange) ?? { exchange: p.exchange, positions: 0, grossUsd: 0, netUsd: 0 };
    const notional = Math.abs(p.notional_usd);
    row.positions += 1;
    row.grossUsd += notional;
    row.netUsd += p.side === 'long' ? notional : -notional;
    rows.set(p.exchange, row);
  }
  return [...rows.values()].sort((a, b) => b.grossUsd - a.grossUsd || a.exchange.localeCompare(b.exchange));
}
