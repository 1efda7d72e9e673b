import { describe, expect, it } from 'vitest';
import { POSITION_KEY, STRATEGY_KEY } from '../../contract/live.js';
import type { Position, Positions, Strategies } from '../../contract/hft.js';
import { applyRows, diffRows, rowKey, sameJson, type RowsSpec } from './rows.js';

const positionsSpec: RowsSpec = { list: 'positions', key: POSITION_KEY };
const strategiesSpec: RowsSpec = { list: 'strategies', key: STRATEGY_KEY };

const position = (i: number, over: Partial<Position> = {}): Position => ({
  exchange: i % 2 ? 'binance' : 'okx',
  symbol: `S${i}-USDT`,
  side: 'long',
  quantity: 1 + i,
  avg_entry_price: 100,
  mark_price: 100 + i,
  notional_usd: 100 * (1 + i),
  unrealized_pnl_usd: i,
  strategy_id: `mm-${i % 3}`,
  ...over,
});
const book = (rows: Position[], ts = '2026-12-03T10:00:00.000Z'): Positions => ({ timestamp: ts, positions: rows });
const roundTrip = (prev: Positions, next: Positions) => {
  const delta = diffRows(prev, next, positionsSpec);
  expect(delta).not.toBeNull();
  const applied = applyRows(prev, delta!, positionsSpec);
  expect(applied.ok).toBe(true);
  return { delta: delta!, data: (applied as unknown as { data: Positions }).data };
};

describe('row deltas', () => {
  it('sends only the fields that moved, keyed by exchange, symbol, side and strategy, and rebuilds the newer answer exactly', () => {
    const prev = book([position(1), position(2), position(3)]);
    const next = book([position(1), position(2, { mark_price: 999, unrealized_pnl_usd: -5 }), position(3)], '2026-12-03T10:00:01.000Z');
    const { delta, data } = roundTrip(prev, next);
    expect(delta.changed).toEqual([
      { exchange: 'okx', symbol: 'S2-USDT', side: 'long', strategy_id: 'mm-2', mark_price: 999, unrealized_pnl_usd: -5 },
    ]);
    expect(delta.added).toEqual([]);
    expect(delta.removed).toEqual([]);
    expect(delta.head).toEqual({ timestamp: '2026-12-03T10:00:01.000Z' });
    expect(data).toEqual(next);
    // Rows that did not change are the older objects, not copies.
    expect(data.positions[0]).toBe(prev.positions[0]);
    expect(data.positions[1]).not.toBe(prev.positions[1]);
  });

  it('tells a long from a short of the same symbol and strategy', () => {
    const long = position(1);
    const short = position(1, { side: 'short', quantity: 7 });
    const prev = book([long, short]);
    const next = book([long, { ...short, quantity: 8 }]);
    const { delta, data } = roundTrip(prev, next);
    expect(delta.changed).toEqual([{ exchange: 'binance', symbol: 'S1-USDT', side: 'short', strategy_id: 'mm-1', quantity: 8 }]);
    expect(data).toEqual(next);
  });

  it('adds and removes rows', () => {
    const prev = book([position(1), position(2), position(3)]);
    const next = book([position(1), position(3), position(4), position(5)]);
    const { delta, data } = roundTrip(prev, next);
    expect(delta.removed).toEqual([{ exchange: 'okx', symbol: 'S2-USDT', side: 'long', strategy_id: 'mm-2' }]);
    expect(delta.added).toEqual([position(4), position(5)]);
    expect(data).toEqual(next);
  });

  it('compares nested fields by value and sends them whole', () => {
    const strategy = (pnl: number, exchanges = ['binance']) => ({
      strategy_id: 'mm-btc-01',
      name: 'BTC',
      status: 'running' as const,
      exchanges,
      performance: { daily_pnl_usd: pnl, trades_today: 1, fill_rate_pct: 30 },
    });
    const prev: Strategies = { timestamp: '2026-12-03T10:00:00.000Z', strategies: [strategy(-1)] };
    const same: Strategies = { timestamp: '2026-12-03T10:00:00.000Z', strategies: [strategy(-1)] };
    expect(diffRows(prev, same, strategiesSpec)!.changed).toEqual([]);
    const next: Strategies = { timestamp: '2026-12-03T10:00:00.000Z', strategies: [strategy(-2, ['binance', 'okx'])] };
    const delta = diffRows(prev, next, strategiesSpec)!;
    expect(delta.changed).toEqual([{ strategy_id: 'mm-btc-01', exchanges: ['binance', 'okx'], performance: next.strategies[0]!.performance }]);
    expect(applyRows(prev, delta, strategiesSpec)).toEqual({ ok: true, data: next });
  });

  it('answers null (send it whole) when a delta could not rebuild the answer exactly', () => {
    const a = position(1);
    const b = position(2);
    expect(diffRows(null, book([a]), positionsSpec)).toBeNull();
    // Reordered rows: apply keeps the older order.
    expect(diffRows(book([a, b]), book([b, a]), positionsSpec)).toBeNull();
    // An added row before a kept one.
    expect(diffRows(book([a]), book([b, a]), positionsSpec)).toBeNull();
    // Two rows with one key, before or after.
    expect(diffRows(book([a, { ...a }]), book([a]), positionsSpec)).toBeNull();
    expect(diffRows(book([a]), book([a, { ...a, quantity: 3 }]), positionsSpec)).toBeNull();
    // ... also when both lists hold them in the same places.
    expect(diffRows(book([a, { ...a, quantity: 3 }]), book([a, { ...a, quantity: 4 }]), positionsSpec)).toBeNull();
    // A field that disappeared cannot be said as "changed fields".
    const { quantity: _gone, ...partial } = a;
    expect(diffRows(book([a]), book([partial as Position]), positionsSpec)).toBeNull();
  });

  it('refuses a delta that does not fit the rows held', () => {
    const prev = book([position(1)]);
    const other = book([position(2)]);
    const changed = diffRows(other, book([position(2, { quantity: 50 })]), positionsSpec)!;
    expect(applyRows(prev, changed, positionsSpec)).toMatchObject({ ok: false, reason: expect.stringContaining('changed row') });
    const removed = diffRows(other, book([]), positionsSpec)!;
    expect(applyRows(prev, removed, positionsSpec)).toMatchObject({ ok: false, reason: expect.stringContaining('removed row') });
    const added = diffRows(book([]), prev, positionsSpec)!;
    expect(applyRows(prev, added, positionsSpec)).toMatchObject({ ok: false, reason: expect.stringContaining('already held') });
    expect(applyRows(null, added, positionsSpec).ok).toBe(false);
  });

  it('rebuilds a large book with a tenth of it moving, rows leaving and rows arriving', () => {
    const prev = book(Array.from({ length: 2000 }, (_, i) => position(i)));
    const moved = prev.positions
      .filter((_, i) => i % 97 !== 0)
      .map((p, i) => (i % 10 === 0 ? { ...p, mark_price: p.mark_price + 1, unrealized_pnl_usd: p.unrealized_pnl_usd + 1 } : p));
    const next = book([...moved, position(5000), position(5001)]);
    const { delta, data } = roundTrip(prev, next);
    expect(data).toEqual(next);
    expect(delta.changed.length).toBeGreaterThan(150);
    expect(delta.changed.length).toBeLessThan(250);
    expect(JSON.stringify(delta).length).toBeLessThan(JSON.stringify(next).length / 5);
  });

  it('keys are unambiguous and JSON equality is deep', () => {
    const ab = { list: 'r', key: ['a', 'b'] };
    expect(rowKey({ a: 'x","y', b: 'z' }, ab)).not.toBe(rowKey({ a: 'x', b: 'y","z' }, ab));
    expect(rowKey({ a: 'x\u0000y', b: 'z' }, ab)).not.toBe(rowKey({ a: 'x', b: 'y\u0000z' }, ab));
    expect(rowKey({ a: '["x","y"]', b: 'z' }, ab)).not.toBe(rowKey({ a: 'x', b: 'y' }, ab));
    expect(rowKey({ a: 'x', b: 'y' }, ab)).toBe('x\u0000y');
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
  });
});
