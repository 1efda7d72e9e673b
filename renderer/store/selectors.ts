/**
 * Pure selectors over the cockpit store. Row selectors return the row object
 * itself (identity kept by the merge), so a row component re-renders only
 * when its row changed. Every selector runs on every store change for every
 * mounted component, so anything that walks a whole list (a total, an index,
 * a sort) is computed once per list and remembered by the list's identity:
 * the merge hands out a new list exactly when a row in it changed.
 * Selectors that return arrays must be read through `useShallow`: in
 * zustand 5 a fresh array per call would re-render forever.
 */
import type { EndpointName, ExchangeStatus, Position, Strategy } from '../../src/contract/hft.js';
import type { EndpointViews } from '../../src/contract/live.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import type { CockpitState } from './cockpit-store.js';

const DEFAULT_STRATEGY_LOSS_ALARM_PCT = DEFAULT_PLAYBOOK.scenarios.loss_limit.detection.strategyLossAlarmPct;

/** `derive(list)`, computed once per list object. */
function perList<L extends object, R>(derive: (list: L) => R): (list: L) => R {
  const cache = new WeakMap<L, R>();
  return (list) => {
    let value = cache.get(list);
    if (value === undefined) {
      value = derive(list);
      cache.set(list, value);
    }
    return value;
  };
}

const NO_POSITIONS: readonly Position[] = [];
const NO_STRATEGIES: readonly Strategy[] = [];

export const selectView = <K extends EndpointName>(s: CockpitState, name: K): EndpointViews[K] | undefined =>
  s.endpoints[name] as EndpointViews[K] | undefined;

const positionsOf = (s: CockpitState): readonly Position[] => s.endpoints.positions?.data?.positions ?? NO_POSITIONS;

export const selectPositionCount = (s: CockpitState): number => positionsOf(s).length;
export const selectPositionAt = (s: CockpitState, index: number): Position | undefined => positionsOf(s)[index];

export interface PositionTotals {
  unrealizedPnlUsd: number;
  /** Positions with a negative unrealized P&L. */
  losing: number;
}

function sumPositions(positions: readonly Position[]): PositionTotals {
  let unrealizedPnlUsd = 0;
  let losing = 0;
  for (const p of positions) {
    unrealizedPnlUsd += p.unrealized_pnl_usd;
    if (p.unrealized_pnl_usd < 0) losing++;
  }
  return { unrealizedPnlUsd, losing };
}

/** Past this share of rows replaced, a list's totals are summed afresh rather than from the list before it. */
const RESUM_SHARE = 0.25;
/** Totals carried from list to list at most this many times in a row, so rounding cannot build up (about 17 min of 1 s polls). */
const MAX_CARRIES = 1_000;

let lastTotals: { list: readonly Position[]; totals: PositionTotals; carries: number } | null = null;
const totalsByList = new WeakMap<readonly Position[], PositionTotals>();

/**
 * The book's totals, once per position list. A poll where a tenth of the
 * book moved hands out a list whose other rows are the very objects of the
 * list before it: the totals are then the earlier ones plus what the
 * replaced rows changed (a row object is never mutated, so the same object
 * is the same P&L), which reads a thousand rows instead of ten thousand.
 * Summed afresh when the length changed, when a quarter of the rows or
 * more were replaced, and after MAX_CARRIES carries.
 */
export function positionTotals(positions: readonly Position[]): PositionTotals {
  const known = totalsByList.get(positions);
  if (known !== undefined) return known;
  const before = lastTotals;
  let totals: PositionTotals | null = null;
  let carries = 0;
  if (before !== null && before.list.length === positions.length && before.carries < MAX_CARRIES) {
    const limit = positions.length * RESUM_SHARE;
    let replaced = 0;
    let delta = 0;
    let losing = before.totals.losing;
    for (let i = 0; i < positions.length && replaced < limit; i++) {
      const was = before.list[i]!;
      const now = positions[i]!;
      if (was === now) continue;
      replaced++;
      delta += now.unrealized_pnl_usd - was.unrealized_pnl_usd;
      losing += (now.unrealized_pnl_usd < 0 ? 1 : 0) - (was.unrealized_pnl_usd < 0 ? 1 : 0);
    }
    if (replaced < limit) {
      totals = { unrealizedPnlUsd: before.totals.unrealizedPnlUsd + delta, losing };
      carries = before.carries + 1;
    }
  }
  totals ??= sumPositions(positions);
  totalsByList.set(positions, totals);
  lastTotals = { list: positions, totals, carries };
  return totals;
}

/** Unrealized P&L of the whole book, USD. */
export const selectTotalUnrealizedPnl = (s: CockpitState): number => positionTotals(positionsOf(s)).unrealizedPnlUsd;

export const selectExchangeNames = (s: CockpitState): string[] =>
  s.endpoints.status?.data?.exchanges.map((e) => e.name) ?? [];
export const selectExchange = (s: CockpitState, name: string): ExchangeStatus | undefined =>
  s.endpoints.status?.data?.exchanges.find((e) => e.name === name);

export type StrategyOrder = 'worst-first' | 'best-first' | 'name';

/** Strategy ids in display order; ties keep the trading system's order. */
export function strategyIdsInOrder(strategies: readonly Strategy[], order: StrategyOrder): string[] {
  return strategiesInOrder(strategies, order).map((s) => s.strategy_id);
}

function sortStrategies(strategies: readonly Strategy[], order: StrategyOrder): readonly Strategy[] {
  const rows = strategies.map((s, i) => ({ s, i, pnl: s.performance.daily_pnl_usd }));
  if (order === 'worst-first') rows.sort((a, b) => a.pnl - b.pnl || a.i - b.i);
  else if (order === 'best-first') rows.sort((a, b) => b.pnl - a.pnl || a.i - b.i);
  else rows.sort((a, b) => a.s.name.localeCompare(b.s.name) || a.i - b.i);
  return rows.map((r) => r.s);
}

const worstFirst = perList((list: readonly Strategy[]) => sortStrategies(list, 'worst-first'));
const bestFirst = perList((list: readonly Strategy[]) => sortStrategies(list, 'best-first'));
const byName = perList((list: readonly Strategy[]) => sortStrategies(list, 'name'));

/** The strategies in display order, sorted once per strategies list. */
export function strategiesInOrder(strategies: readonly Strategy[], order: StrategyOrder): readonly Strategy[] {
  return order === 'worst-first' ? worstFirst(strategies) : order === 'best-first' ? bestFirst(strategies) : byName(strategies);
}

const strategiesOf = (s: CockpitState): readonly Strategy[] => s.endpoints.strategies?.data?.strategies ?? NO_STRATEGIES;

export const selectStrategyCount = (s: CockpitState): number => strategiesOf(s).length;

/** The strategy shown on display row `index` in `order`: what a virtualised row reads. */
export const selectStrategyInOrderAt = (s: CockpitState, order: StrategyOrder, index: number): Strategy | undefined =>
  strategiesInOrder(strategiesOf(s), order)[index];

export const selectStrategyIds = (s: CockpitState, order: StrategyOrder): string[] => strategyIdsInOrder(strategiesOf(s), order);

const strategyIndex = perList((list: readonly Strategy[]) => {
  const index = new Map<string, Strategy>();
  for (const s of list) if (!index.has(s.strategy_id)) index.set(s.strategy_id, s);
  return index;
});
export const selectStrategy = (s: CockpitState, id: string): Strategy | undefined => strategyIndex(strategiesOf(s)).get(id);

const losingCount = perList((list: readonly Strategy[]) => list.filter((x) => x.performance.daily_pnl_usd < 0).length);

/** How many strategies are losing money today. */
export const selectLosingStrategyCount = (s: CockpitState): number => losingCount(strategiesOf(s));

/**
 * The loss, USD, past which one strategy's day reads as alarming: the
 * playbook's share of the daily loss limit. null while the limit is unknown.
 */
export const selectStrategyLossAlarmUsd = (s: CockpitState): number | null => {
  const limit = s.endpoints.risk?.data?.daily_loss_limit_usd;
  const pct = s.playbook?.scenarios.loss_limit.detection.strategyLossAlarmPct ?? DEFAULT_STRATEGY_LOSS_ALARM_PCT;
  return limit === undefined ? null : (limit * pct) / 100;
};

/** Whether a strategy's P&L today is a loss past `alarmUsd`. */
export const isAlarmingLoss = (pnlUsd: number, alarmUsd: number | null): boolean => alarmUsd !== null && -pnlUsd > alarmUsd;

const alarmingCounts = new WeakMap<readonly Strategy[], { alarmUsd: number | null; count: number }>();

/** How many strategies are losing past the playbook's alarm today; counted once per list and threshold. */
export const selectAlarmingStrategyCount = (s: CockpitState): number => {
  const list = strategiesOf(s);
  const alarmUsd = selectStrategyLossAlarmUsd(s);
  const cached = alarmingCounts.get(list);
  if (cached && cached.alarmUsd === alarmUsd) return cached.count;
  const count = list.filter((x) => isAlarmingLoss(x.performance.daily_pnl_usd, alarmUsd)).length;
  alarmingCounts.set(list, { alarmUsd, count });
  return count;
};
