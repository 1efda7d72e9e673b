import { describe, expect, it } from 'vitest';
import { Position, Strategy, ExchangeStatus } from '../../src/contract/hft.js';
import { mergeEndpoints, sameExchange, samePosition, sameStrategy } from './live-merge.js';
import { repoll, sampleEndpoints, samplePositions, sampleStrategies } from './live-fixtures.js';
import { rowsByKey, sameJson, share } from './structural-sharing.js';

describe('sameJson', () => {
  it('compares JSON values structurally', () => {
    expect(sameJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson(NaN, NaN)).toBe(true);
    expect(sameJson(0, null)).toBe(false);
  });
});

describe('share', () => {
  it('returns the previous value when nothing changed', () => {
    const prev = { a: { b: [1, 2] }, c: 'x' };
    expect(share(prev, { a: { b: [1, 2] }, c: 'x' })).toBe(prev);
  });

  it('keeps unchanged branches and replaces changed ones', () => {
    const prev = { a: { b: 1 }, c: { d: 2 } };
    const next = share(prev, { a: { b: 1 }, c: { d: 3 } });
    expect(next).not.toBe(prev);
    expect(next.a).toBe(prev.a);
    expect(next.c).toEqual({ d: 3 });
  });

  it('matches keyed rows that moved', () => {
    const a = { id: 'a', v: 1 };
    const b = { id: 'b', v: 2 };
    const keyOf = (row: unknown) => (row as { id: string }).id;
    const next = share({ rows: [a, b] }, { rows: [{ id: 'b', v: 2 }, { id: 'a', v: 1 }, { id: 'c', v: 3 }] }, { rows: rowsByKey(keyOf) });
    expect(next.rows[0]).toBe(b);
    expect(next.rows[1]).toBe(a);
    expect(next.rows[2]).toEqual({ id: 'c', v: 3 });
  });
});

describe('mergeEndpoints', () => {
  const strategies = sampleStrategies(10);

  it('takes a rebuilt list as it is when its unchanged rows already are the held ones', () => {
    const first = samplePositions(100);
    const prev = mergeEndpoints({}, sampleEndpoints(1000, first, strategies));
    const held = prev.positions!.data!.positions;
    // What a delta rebuilds: the held rows, and new objects for the two that moved.
    const rebuilt = held.map((p, i) => (i === 3 || i === 50 ? { ...p, mark_price: p.mark_price + 1 } : p));
    const next = mergeEndpoints(prev, { positions: { ...prev.positions!, data: { ...prev.positions!.data!, positions: rebuilt } } });
    expect(next.positions!.data!.positions).toBe(rebuilt);
    // A row that came anew but equals the held one is still swapped for it: nothing changed, so the held list stays.
    const echoed = rebuilt.map((p, i) => (i === 7 ? { ...p } : p));
    const again = mergeEndpoints(next, { positions: { ...next.positions!, data: { ...next.positions!.data!, positions: echoed } } });
    const rows = again.positions!.data!.positions;
    expect(rows).toBe(rebuilt);
    expect(rows[7]).toBe(rebuilt[7]);
    expect(rows.every((row, i) => row === rebuilt[i])).toBe(true);
  });

  it('keeps the identity of every position that did not change', () => {
    const first = samplePositions(1000);
    const prev = mergeEndpoints({}, sampleEndpoints(1000, first, strategies));
    const update = sampleEndpoints(2000, repoll(first, [3, 500]), sampleStrategies(10));
    const next = mergeEndpoints(prev, update);
    const before = prev.positions!.data!.positions;
    const after = next.positions!.data!.positions;
    expect(after).not.toBe(before);
    expect(after[3]).not.toBe(before[3]);
    expect(after[3]!.mark_price).toBe(before[3]!.mark_price + 1);
    expect(after[500]).not.toBe(before[500]);
    const kept = after.filter((row, i) => row === before[i]).length;
    expect(kept).toBe(998);
  });

  it('keeps the position list itself when no row changed', () => {
    const first = samplePositions(200);
    const prev = mergeEndpoints({}, sampleEndpoints(1000, first, strategies));
    const next = mergeEndpoints(prev, sampleEndpoints(2000, repoll(first, []), strategies));
    expect(next.positions!.data!.positions).toBe(prev.positions!.data!.positions);
    // The answer's timestamp moved, so the data object is new.
    expect(next.positions!.data).not.toBe(prev.positions!.data);
  });

  it('matches positions by exchange, symbol and strategy when the list is reordered', () => {
    const first = samplePositions(50);
    const prev = mergeEndpoints({}, sampleEndpoints(1000, first, strategies));
    const reversed = repoll(first, []).reverse();
    const after = mergeEndpoints(prev, sampleEndpoints(2000, reversed, strategies)).positions!.data!.positions;
    const before = prev.positions!.data!.positions;
    expect(after[0]).toBe(before[49]);
    expect(after[49]).toBe(before[0]);
  });

  it('keeps unchanged strategies and exchanges, replaces changed ones', () => {
    const prev = mergeEndpoints({}, sampleEndpoints(1000, samplePositions(5), strategies));
    const changedStrategies = sampleStrategies(10).map((s, i) =>
      i === 2 ? { ...s, performance: { ...s.performance, daily_pnl_usd: -99 } } : s,
    );
    // Same poll time, so only the rows edited below differ.
    const update = sampleEndpoints(1000, samplePositions(5), changedStrategies);
    update.status.data!.exchanges[1] = { ...update.status.data!.exchanges[1]!, connected: false };
    const next = mergeEndpoints(prev, update);
    const s0 = prev.strategies!.data!.strategies;
    const s1 = next.strategies!.data!.strategies;
    expect(s1[0]).toBe(s0[0]);
    expect(s1[2]).not.toBe(s0[2]);
    expect(s1[2]!.performance.daily_pnl_usd).toBe(-99);
    const e0 = prev.status!.data!.exchanges;
    const e1 = next.status!.data!.exchanges;
    expect(e1[0]).toBe(e0[0]);
    expect(e1[1]).not.toBe(e0[1]);
    expect(next.status!.data!.latency).toBe(prev.status!.data!.latency);
  });

  it('leaves endpoints absent from the update untouched', () => {
    const prev = mergeEndpoints({}, sampleEndpoints(1000, samplePositions(5), strategies));
    const risk = { ...prev.risk!, ageMs: 900 };
    const next = mergeEndpoints(prev, { risk });
    expect(next.positions).toBe(prev.positions);
    expect(next.status).toBe(prev.status);
    expect(next.risk!.ageMs).toBe(900);
    expect(next.risk!.data).toBe(prev.risk!.data);
  });

  it('returns the previous endpoints when the update changes nothing', () => {
    const prev = mergeEndpoints({}, sampleEndpoints(1000, samplePositions(5), strategies));
    expect(mergeEndpoints(prev, sampleEndpoints(1000, samplePositions(5), strategies))).toBe(prev);
    expect(mergeEndpoints(prev, {})).toBe(prev);
  });

  it('takes a view that lost its data (a failing endpoint keeps its last data, but may reset)', () => {
    const prev = mergeEndpoints({}, sampleEndpoints(1000, samplePositions(5), strategies));
    const failing = { ...prev.positions!, freshness: 'dead' as const, consecutiveFailures: 4 };
    const next = mergeEndpoints(prev, { positions: failing });
    expect(next.positions!.freshness).toBe('dead');
    expect(next.positions!.data).toBe(prev.positions!.data);
  });
});

describe('row comparisons cover the whole contract', () => {
  /** A copy of `row` with the field at `path` changed to another value of its type. */
  const alter = (row: object, path: string[]): object => {
    const [head, ...rest] = path;
    const copy = { ...(row as Record<string, unknown>) };
    const value = copy[head!];
    if (rest.length > 0) copy[head!] = alter(value as object, rest);
    else if (typeof value === 'number') copy[head!] = value + 0.5;
    else if (typeof value === 'boolean') copy[head!] = !value;
    else if (Array.isArray(value)) copy[head!] = [...value, 'other'];
    else if (head === 'side') copy[head!] = value === 'long' ? 'short' : 'long';
    else if (head === 'status') copy[head!] = value === 'running' ? 'stopped' : 'running';
    else copy[head!] = `${String(value)}-other`;
    return copy;
  };
  const leafPaths = (row: object, prefix: string[] = []): string[][] =>
    Object.entries(row).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) ? leafPaths(v as object, [...prefix, k]) : [[...prefix, k]],
    );

  it('sees a change in every field of a position, a strategy and an exchange', () => {
    const position = samplePositions(1)[0]!;
    const strategy = sampleStrategies(1)[0]!;
    const exchange = sampleEndpoints(0, [], []).status.data!.exchanges[0]!;
    // The sample rows carry every field the contract defines, so the paths below are the contract's.
    expect(Object.keys(position).sort()).toEqual(Object.keys(Position.shape).sort());
    expect(Object.keys(strategy).sort()).toEqual(Object.keys(Strategy.shape).sort());
    expect(Object.keys(strategy.performance).sort()).toEqual(Object.keys(Strategy.shape.performance.shape).sort());
    expect(Object.keys(exchange).sort()).toEqual(Object.keys(ExchangeStatus.shape).sort());
    const cases: [object, (a: never, b: never) => boolean][] = [
      [position, samePosition],
      [strategy, sameStrategy],
      [exchange, sameExchange],
    ];
    for (const [row, same] of cases) {
      expect(same(row as never, structuredClone(row) as never)).toBe(true);
      for (const path of leafPaths(row)) {
        const changed = alter(row, path);
        expect(sameJson(changed, row), path.join('.')).toBe(false);
        expect(same(row as never, changed as never), path.join('.')).toBe(false);
      }
    }
  });
});

describe('mergeEndpoints when every row moves', () => {
  const strategies = sampleStrategies(10);
  const everyRow = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('takes every marked-to-market position as it came and keeps nothing stale', () => {
    const first = samplePositions(500);
    const prev = mergeEndpoints({}, sampleEndpoints(1000, first, strategies));
    const moved = repoll(first, everyRow(500));
    const next = mergeEndpoints(prev, sampleEndpoints(2000, moved, strategies));
    const after = next.positions!.data!.positions;
    expect(after.every((row, i) => row === moved[i])).toBe(true);
    expect(after.map((p) => p.mark_price)).toEqual(first.map((p) => p.mark_price + 1));
    // Strategies did not move: their list keeps its identity.
    expect(next.strategies!.data!.strategies).toBe(prev.strategies!.data!.strategies);
  });

  it('matches rows by key across a reorder, an insert and a removal', () => {
    const first = samplePositions(30);
    const prev = mergeEndpoints({}, sampleEndpoints(1000, first, strategies));
    const before = prev.positions!.data!.positions;
    const again = repoll(first, [5]);
    const extra = { ...again[0]!, symbol: 'NEW-USDT' };
    // Row 10 closed, a new one opened at the top, row 5 marked to market.
    const list = [extra, ...again.slice(0, 10), ...again.slice(11)];
    const after = mergeEndpoints(prev, sampleEndpoints(2000, list, strategies)).positions!.data!.positions;
    expect(after).toHaveLength(30);
    expect(after[0]).toBe(extra);
    expect(after[1]).toBe(before[0]);
    expect(after[6]).toBe(list[6]);
    expect(after[6]).not.toBe(before[5]);
    expect(after[11]).toBe(before[11]);
    expect(after.includes(before[10]!)).toBe(false);
  });

  it('replaces a strategy whose exchanges changed, keeps one that only moved in the list', () => {
    const prev = mergeEndpoints({}, sampleEndpoints(1000, [], strategies));
    const before = prev.strategies!.data!.strategies;
    const list = sampleStrategies(10).reverse();
    list[0] = { ...list[0]!, exchanges: [...list[0]!.exchanges, 'okx'] };
    const after = mergeEndpoints(prev, sampleEndpoints(1000, [], list)).strategies!.data!.strategies;
    expect(after[0]).toBe(list[0]);
    expect(after[1]).toBe(before[8]);
    expect(after[9]).toBe(before[0]);
  });
});
