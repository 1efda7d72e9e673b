import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/contract/hft.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { createCockpitStore } from './cockpit-store.js';
import { repoll, sampleEndpoints, samplePositions, sampleStrategies } from './live-fixtures.js';
import {
  isAlarmingLoss,
  positionTotals,
  selectAlarmingStrategyCount,
  selectStrategyLossAlarmUsd,
  selectLosingStrategyCount,
  selectStrategy,
  selectStrategyCount,
  selectStrategyInOrderAt,
  selectTotalUnrealizedPnl,
  strategiesInOrder,
} from './selectors.js';

const storeWith = (positions = samplePositions(50), strategies = sampleStrategies(20)) => {
  const store = createCockpitStore();
  store.getState().applySnapshot({ endpoints: sampleEndpoints(1000, positions, strategies), pollMs: 1000, at: 1000 }, 0);
  return store;
};

describe('book totals', () => {
  it('sums the unrealized P&L and counts the losing positions', () => {
    const positions = samplePositions(50);
    const expected = positions.reduce((sum, p) => sum + p.unrealized_pnl_usd, 0);
    expect(selectTotalUnrealizedPnl(storeWith(positions).getState())).toBeCloseTo(expected, 9);
    expect(positionTotals(positions).losing).toBe(positions.filter((p) => p.unrealized_pnl_usd < 0).length);
    expect(selectTotalUnrealizedPnl(createCockpitStore().getState())).toBe(0);
  });

  it('carries the totals from the list before when only some rows were replaced, to the same figures as a fresh sum', () => {
    let list: Position[] = samplePositions(400);
    const fresh = (rows: readonly Position[]) => ({
      unrealizedPnlUsd: rows.reduce((sum, p) => sum + p.unrealized_pnl_usd, 0),
      losing: rows.filter((p) => p.unrealized_pnl_usd < 0).length,
    });
    expect(positionTotals(list).unrealizedPnlUsd).toBeCloseTo(fresh(list).unrealizedPnlUsd, 6);
    for (let round = 1; round <= 30; round++) {
      // A tenth of the rows replaced, some turning from a gain to a loss and back.
      list = list.map((p, i) => (i % 10 === round % 10 ? { ...p, unrealized_pnl_usd: Math.round((p.unrealized_pnl_usd + (round % 2 ? -900 : 900)) * 100) / 100 } : p));
      const got = positionTotals(list);
      expect(got.unrealizedPnlUsd).toBeCloseTo(fresh(list).unrealizedPnlUsd, 6);
      expect(got.losing).toBe(fresh(list).losing);
    }
    // Every row replaced, or a row more: summed afresh.
    const all = list.map((p) => ({ ...p, unrealized_pnl_usd: -1 }));
    expect(positionTotals(all)).toEqual({ unrealizedPnlUsd: -all.length, losing: all.length });
    const longer = [...all, { ...all[0]!, unrealized_pnl_usd: 5 }];
    expect(positionTotals(longer)).toEqual({ unrealizedPnlUsd: -all.length + 5, losing: all.length });
  });

  it('is computed once per position list and again when a poll brings a new one', () => {
    const store = storeWith();
    const list = store.getState().endpoints.positions!.data!.positions;
    expect(positionTotals(list)).toBe(positionTotals(list));
    const before = selectTotalUnrealizedPnl(store.getState());
    const update = sampleEndpoints(2000, repoll(list, [0, 1, 2]), sampleStrategies(20));
    store.getState().applyUpdate({ endpoints: { positions: update.positions }, pollMs: 1000, at: 2000 }, 1000);
    // repoll adds each moved row's quantity to its uPnL.
    const added = list[0]!.quantity + list[1]!.quantity + list[2]!.quantity;
    expect(selectTotalUnrealizedPnl(store.getState())).toBeCloseTo(before + added, 9);
  });
});

describe('strategies in display order', () => {
  it('reads row by row what the full order says, and the same objects the store holds', () => {
    const s = storeWith().getState();
    const list = s.endpoints.strategies!.data!.strategies;
    const worst = strategiesInOrder(list, 'worst-first');
    expect(selectStrategyCount(s)).toBe(20);
    for (let i = 0; i < worst.length; i++) expect(selectStrategyInOrderAt(s, 'worst-first', i)).toBe(worst[i]);
    for (let i = 1; i < worst.length; i++) {
      expect(worst[i]!.performance.daily_pnl_usd).toBeGreaterThanOrEqual(worst[i - 1]!.performance.daily_pnl_usd);
    }
    expect(selectStrategyInOrderAt(s, 'best-first', 0)).toBe(worst.at(-1));
    expect(selectStrategyInOrderAt(s, 'worst-first', 20)).toBeUndefined();
    expect(list.includes(worst[0]!)).toBe(true);
  });

  it('sorts once per strategies list, so every row of a poll shares one order', () => {
    const s = storeWith().getState();
    const list = s.endpoints.strategies!.data!.strategies;
    expect(strategiesInOrder(list, 'name')).toBe(strategiesInOrder(list, 'name'));
    expect(strategiesInOrder(list, 'name')).not.toBe(strategiesInOrder(list, 'worst-first'));
  });

  it('follows a poll that reorders the strategies', () => {
    const store = storeWith();
    const strategies = sampleStrategies(20);
    const firstWorst = selectStrategyInOrderAt(store.getState(), 'worst-first', 0)!;
    const moved = strategies.map((x) =>
      x.strategy_id === firstWorst.strategy_id ? { ...x, performance: { ...x.performance, daily_pnl_usd: 1_000_000 } } : x,
    );
    const update = sampleEndpoints(2000, [], moved);
    store.getState().applyUpdate({ endpoints: { strategies: update.strategies }, pollMs: 1000, at: 2000 }, 1000);
    const s = store.getState();
    expect(selectStrategyInOrderAt(s, 'best-first', 0)?.strategy_id).toBe(firstWorst.strategy_id);
    expect(selectStrategyInOrderAt(s, 'worst-first', 0)?.strategy_id).not.toBe(firstWorst.strategy_id);
    expect(selectStrategy(s, firstWorst.strategy_id)?.performance.daily_pnl_usd).toBe(1_000_000);
  });

  it('counts the losing strategies of the current list', () => {
    const s = storeWith().getState();
    const losing = s.endpoints.strategies!.data!.strategies.filter((x) => x.performance.daily_pnl_usd < 0).length;
    expect(losing).toBeGreaterThan(0);
    expect(selectLosingStrategyCount(s)).toBe(losing);
    expect(selectLosingStrategyCount(createCockpitStore().getState())).toBe(0);
  });
});

describe('alarming strategy losses', () => {
  it('are losses past 5% of the daily loss limit by default, or the playbook\'s share', () => {
    // Sample P&L runs from -2,000 to +2,000 USD; the limit is 50,000, so 5% is 2,500: nothing alarming.
    const strategies = sampleStrategies(20);
    strategies[3] = { ...strategies[3]!, performance: { ...strategies[3]!.performance, daily_pnl_usd: -2_600 } };
    const store = storeWith(undefined, strategies);
    expect(selectStrategyLossAlarmUsd(store.getState())).toBe(2_500);
    expect(selectLosingStrategyCount(store.getState())).toBeGreaterThan(1);
    expect(selectAlarmingStrategyCount(store.getState())).toBe(1);
    const playbook = structuredClone(DEFAULT_PLAYBOOK);
    playbook.scenarios.loss_limit.detection.strategyLossAlarmPct = 2;
    store.getState().setPlaybook(playbook);
    expect(selectStrategyLossAlarmUsd(store.getState())).toBe(1_000);
    expect(selectAlarmingStrategyCount(store.getState())).toBe(strategies.filter((s) => s.performance.daily_pnl_usd < -1_000).length);
  });

  it('are never alarming while the limit is unknown, and a gain never is', () => {
    expect(isAlarmingLoss(-10_000, null)).toBe(false);
    expect(isAlarmingLoss(10_000, 100)).toBe(false);
    expect(isAlarmingLoss(-100.01, 100)).toBe(true);
    expect(isAlarmingLoss(-100, 100)).toBe(false);
  });
});
