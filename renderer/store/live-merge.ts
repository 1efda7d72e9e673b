/**
 * Merging what the host pushes into what the view holds: each endpoint's view
 * is structurally shared with the previous one, with positions, strategies
 * and exchanges matched by their identity in the trading system and compared
 * field by field. The trading system marks every position to market on every
 * tick, so at 10,000 positions nearly every row changes on every poll: the
 * row comparisons below are the merge's whole cost, and allocate nothing.
 */
import type { ExchangeStatus, Position, Strategy } from '../../src/contract/hft.js';
import type { EndpointViews } from '../../src/contract/live.js';
import { keyedRows, share, type ListMerges } from './structural-sharing.js';

/** A position is one strategy's holding of one symbol on one exchange. */
export const positionKey = (p: Position) => `${p.exchange}\u0000${p.symbol}\u0000${p.strategy_id}`;
export const strategyKey = (s: Strategy) => s.strategy_id;
export const exchangeKey = (e: ExchangeStatus) => e.name;

const samePositionKey = (a: Position, b: Position) =>
  a.exchange === b.exchange && a.symbol === b.symbol && a.strategy_id === b.strategy_id;

/**
 * Every field of the contract's Position (live-merge.test.ts checks that the
 * list is complete, so a field added to the contract cannot go unseen).
 */
export function samePosition(a: Position, b: Position): boolean {
  return (
    a.mark_price === b.mark_price &&
    a.unrealized_pnl_usd === b.unrealized_pnl_usd &&
    a.notional_usd === b.notional_usd &&
    a.quantity === b.quantity &&
    a.avg_entry_price === b.avg_entry_price &&
    a.side === b.side &&
    a.exchange === b.exchange &&
    a.symbol === b.symbol &&
    a.strategy_id === b.strategy_id
  );
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every field of the contract's Strategy, performance included (checked like samePosition). */
export function sameStrategy(a: Strategy, b: Strategy): boolean {
  return (
    a.performance.daily_pnl_usd === b.performance.daily_pnl_usd &&
    a.performance.trades_today === b.performance.trades_today &&
    a.performance.fill_rate_pct === b.performance.fill_rate_pct &&
    a.status === b.status &&
    a.strategy_id === b.strategy_id &&
    a.name === b.name &&
    sameNames(a.exchanges, b.exchanges)
  );
}

/** Every field of the contract's ExchangeStatus (checked like samePosition). */
export function sameExchange(a: ExchangeStatus, b: ExchangeStatus): boolean {
  return (
    a.connected === b.connected &&
    a.latency_ms === b.latency_ms &&
    a.last_message_at === b.last_message_at &&
    a.rate_limit_used_pct === b.rate_limit_used_pct &&
    a.name === b.name
  );
}

/** The row lists of the live endpoints, by property name. */
const ROW_LISTS: ListMerges = {
  positions: keyedRows(positionKey, samePositionKey, samePosition),
  strategies: keyedRows(strategyKey, (a, b) => a.strategy_id === b.strategy_id, sameStrategy),
  exchanges: keyedRows(exchangeKey, (a, b) => a.name === b.name, sameExchange),
};

export type LiveEndpoints = Partial<EndpointViews>;

/** `prev` with the endpoints in `update` merged in; untouched endpoints keep their identity. */
export function mergeEndpoints(prev: LiveEndpoints, update: LiveEndpoints): LiveEndpoints {
  let out: LiveEndpoints | null = null;
  for (const name of Object.keys(update) as (keyof EndpointViews)[]) {
    const next = update[name];
    if (next === undefined) continue;
    const merged = share(prev[name], next, ROW_LISTS);
    if (merged !== prev[name]) {
      out ??= { ...prev };
      (out as Record<string, unknown>)[name] = merged;
    }
  }
  return out ?? prev;
}
