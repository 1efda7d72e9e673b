import { describe, expect, it } from 'vitest';
import { createCockpitStore } from './cockpit-store.js';
import { repoll, sampleEndpoints, samplePositions, sampleSnapshot, sampleStrategies } from './live-fixtures.js';
import {
  selectExchange,
  selectExchangeNames,
  selectLosingStrategyCount,
  selectPositionAt,
  selectPositionCount,
  selectStrategy,
  selectStrategyIds,
  strategyIdsInOrder,
} from './selectors.js';

describe('cockpit store', () => {
  it('applies a snapshot and records when the host spoke', () => {
    const store = createCockpitStore();
    store.getState().applySnapshot(sampleSnapshot(1000, 30), 50);
    const s = store.getState();
    expect(s.pollMs).toBe(1000);
    expect(s.lastHostMessageAt).toBe(50);
    expect(s.arrivedAt.positions).toBe(50);
    expect(selectPositionCount(s)).toBe(30);
  });

  it('merges updates: only endpoints present are re-timed, unchanged rows keep identity', () => {
    const store = createCockpitStore();
    const positions = samplePositions(100);
    const strategies = sampleStrategies(5);
    store.getState().applySnapshot({ endpoints: sampleEndpoints(1000, positions, strategies), pollMs: 1000, at: 1000 }, 10);
    const before = store.getState();
    const fresh = sampleEndpoints(2000, repoll(positions, [7]), strategies);
    store.getState().applyUpdate({ endpoints: { positions: fresh.positions }, pollMs: 1000, at: 2000 }, 1010);
    const after = store.getState();
    expect(after.arrivedAt.positions).toBe(1010);
    expect(after.arrivedAt.risk).toBe(10);
    expect(after.lastHostMessageAt).toBe(1010);
    expect(after.endpoints.risk).toBe(before.endpoints.risk);
    expect(selectPositionAt(after, 6)).toBe(selectPositionAt(before, 6));
    expect(selectPositionAt(after, 7)).not.toBe(selectPositionAt(before, 7));
  });

  it('notifies a per-row selector only when its row changes', () => {
    const store = createCockpitStore();
    const positions = samplePositions(20);
    store.getState().applySnapshot({ endpoints: sampleEndpoints(1000, positions, []), pollMs: 1000, at: 1000 }, 0);
    const seen: number[] = [];
    for (const index of [2, 3]) {
      let last = selectPositionAt(store.getState(), index);
      store.subscribe((s) => {
        const row = selectPositionAt(s, index);
        if (row !== last) seen.push(index);
        last = row;
      });
    }
    const update = sampleEndpoints(2000, repoll(positions, [3]), []);
    store.getState().applyUpdate({ endpoints: { positions: update.positions }, pollMs: 1000, at: 2000 }, 1000);
    expect(seen).toEqual([3]);
  });

  it('keeps the link state and settings', () => {
    const store = createCockpitStore();
    expect(store.getState().linkUp).toBe(false);
    store.getState().setLink(true, 5);
    expect(store.getState()).toMatchObject({ linkUp: true, linkChangedAt: 5 });
    store.getState().setLink(true, 9);
    expect(store.getState().linkChangedAt).toBe(5);
    store.getState().setSettings({ apiUrl: null, pollMs: 500, fastPollMs: 250, requestTimeoutMs: 1000, historyHours: 2, operatorName: null, timeZone: null, scrollbackLines: 10_000, recordProdTranscripts: true, sshAgentSocket: null, checksDatabase: null, onCallRole: 'primary', handoffWeekday: 5, handoffTime: '17:00' });
    expect(store.getState().settings?.pollMs).toBe(500);
  });
});

describe('selectors', () => {
  const store = createCockpitStore();
  store.getState().applySnapshot(sampleSnapshot(1000, 10), 0);
  const s = store.getState();

  it('finds exchanges by name', () => {
    expect(selectExchangeNames(s)).toHaveLength(12);
    expect(selectExchange(s, 'kraken')?.name).toBe('kraken');
    expect(selectExchange(s, 'nowhere')).toBeUndefined();
  });

  it('orders strategies worst first, best first or by name, stable on ties', () => {
    const rows = sampleStrategies(4).map((x, i) => ({ ...x, name: ['d', 'b', 'c', 'a'][i]!, performance: { ...x.performance, daily_pnl_usd: [5, -10, 5, -3][i]! } }));
    expect(strategyIdsInOrder(rows, 'worst-first')).toEqual(['strat-1', 'strat-3', 'strat-0', 'strat-2']);
    expect(strategyIdsInOrder(rows, 'best-first')).toEqual(['strat-0', 'strat-2', 'strat-3', 'strat-1']);
    expect(strategyIdsInOrder(rows, 'name')).toEqual(['strat-3', 'strat-1', 'strat-2', 'strat-0']);
  });

  it('returns equal id lists for an unchanged state (safe with useShallow) and finds rows by id', () => {
    expect(selectStrategyIds(s, 'worst-first')).toEqual(selectStrategyIds(s, 'worst-first'));
    const first = selectStrategyIds(s, 'worst-first')[0]!;
    expect(selectStrategy(s, first)?.strategy_id).toBe(first);
    const worst = selectStrategy(s, first)!.performance.daily_pnl_usd;
    for (const x of s.endpoints.strategies!.data!.strategies) expect(x.performance.daily_pnl_usd).toBeGreaterThanOrEqual(worst);
  });

  it('counts losing strategies', () => {
    const losing = s.endpoints.strategies!.data!.strategies.filter((x) => x.performance.daily_pnl_usd < 0).length;
    expect(losing).toBeGreaterThan(0);
    expect(selectLosingStrategyCount(s)).toBe(losing);
  });

  it('answers empty before any data', () => {
    const empty = createCockpitStore().getState();
    expect(selectPositionCount(empty)).toBe(0);
    expect(selectExchangeNames(empty)).toEqual([]);
    expect(selectStrategyIds(empty, 'name')).toEqual([]);
  });
});
