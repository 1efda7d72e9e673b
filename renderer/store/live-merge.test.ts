import { describe, expect, it } from 'vitest';
import { mergeEndpoints } from './live-merge.js';
import { repoll, sampleEndpoints, samplePositions, sampleStrategies } from './live-fixtures.js';
import { sameJson, share } from './structural-sharing.js';

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
    const next = share({ rows: [a, b] }, { rows: [{ id: 'b', v: 2 }, { id: 'a', v: 1 }, { id: 'c', v: 3 }] }, { rows: keyOf });
    expect(next.rows[0]).toBe(b);
    expect(next.rows[1]).toBe(a);
    expect(next.rows[2]).toEqual({ id: 'c', v: 3 });
  });
});

describe('mergeEndpoints', () => {
  const strategies = sampleStrategies(10);

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
