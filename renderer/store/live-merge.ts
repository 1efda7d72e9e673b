/**
 * Merging what the host pushes into what the view holds: each endpoint's view
 * is structurally shared with the previous one, with positions, strategies
 * and exchanges matched by their identity in the trading system.
 */
import type { Position, Strategy, ExchangeStatus } from '../../src/contract/hft.js';
import type { EndpointViews } from '../../src/contract/live.js';
import { share, type KeyOf } from './structural-sharing.js';

/** A position is one strategy's holding of one symbol on one exchange. */
export const positionKey = (p: Position) => `${p.exchange}\u0000${p.symbol}\u0000${p.strategy_id}`;
export const strategyKey = (s: Strategy) => s.strategy_id;
export const exchangeKey = (e: ExchangeStatus) => e.name;

/**
 * Keys by property name; a strategy's own `exchanges` is a list of names, not
 * of rows, so anything that is not an object matches by position.
 */
const byRow = <T>(key: (row: T) => string): KeyOf => (row, i) =>
  typeof row === 'object' && row !== null ? key(row as T) : `#${i}`;
const ROW_KEYS: Readonly<Record<string, KeyOf>> = {
  positions: byRow(positionKey),
  strategies: byRow(strategyKey),
  exchanges: byRow(exchangeKey),
};

export type LiveEndpoints = Partial<EndpointViews>;

/** `prev` with the endpoints in `update` merged in; untouched endpoints keep their identity. */
export function mergeEndpoints(prev: LiveEndpoints, update: LiveEndpoints): LiveEndpoints {
  let out: LiveEndpoints | null = null;
  for (const name of Object.keys(update) as (keyof EndpointViews)[]) {
    const next = update[name];
    if (next === undefined) continue;
    const merged = share(prev[name], next, ROW_KEYS);
    if (merged !== prev[name]) {
      out ??= { ...prev };
      (out as Record<string, unknown>)[name] = merged;
    }
  }
  return out ?? prev;
}
