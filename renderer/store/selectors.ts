/**
 * Pure selectors over the cockpit store. Row selectors return the row object
 * itself (identity kept by the merge), so a row component re-renders only
 * when its row changed. Selectors that build arrays must be read through
 * `useShallow`: in zustand 5 a fresh array per call would re-render forever.
 */
import type { EndpointName, ExchangeStatus, Position, Strategy } from '../../src/contract/hft.js';
import type { EndpointViews } from '../../src/contract/live.js';
import type { CockpitState } from './cockpit-store.js';

export const selectView = <K extends EndpointName>(s: CockpitState, name: K): EndpointViews[K] | undefined =>
  s.endpoints[name] as EndpointViews[K] | undefined;

export const selectPositionCount = (s: CockpitState): number => s.endpoints.positions?.data?.positions.length ?? 0;
export const selectPositionAt = (s: CockpitState, index: number): Position | undefined =>
  s.endpoints.positions?.data?.positions[index];

export const selectExchangeNames = (s: CockpitState): string[] =>
  s.endpoints.status?.data?.exchanges.map((e) => e.name) ?? [];
export const selectExchange = (s: CockpitState, name: string): ExchangeStatus | undefined =>
  s.endpoints.status?.data?.exchanges.find((e) => e.name === name);

export type StrategyOrder = 'worst-first' | 'best-first' | 'name';

/** Strategy ids in display order; ties keep the trading system's order. */
export function strategyIdsInOrder(strategies: readonly Strategy[], order: StrategyOrder): string[] {
  const rows = strategies.map((s, i) => ({ s, i }));
  const pnl = (r: { s: Strategy }) => r.s.performance.daily_pnl_usd;
  if (order === 'worst-first') rows.sort((a, b) => pnl(a) - pnl(b) || a.i - b.i);
  else if (order === 'best-first') rows.sort((a, b) => pnl(b) - pnl(a) || a.i - b.i);
  else rows.sort((a, b) => a.s.name.localeCompare(b.s.name) || a.i - b.i);
  return rows.map((r) => r.s.strategy_id);
}

export const selectStrategyIds = (s: CockpitState, order: StrategyOrder): string[] =>
  strategyIdsInOrder(s.endpoints.strategies?.data?.strategies ?? [], order);
export const selectStrategy = (s: CockpitState, id: string): Strategy | undefined =>
  s.endpoints.strategies?.data?.strategies.find((x) => x.strategy_id === id);

/** How many strategies are losing money today. */
export const selectLosingStrategyCount = (s: CockpitState): number =>
  s.endpoints.strategies?.data?.strategies.filter((x) => x.performance.daily_pnl_usd < 0).length ?? 0;
