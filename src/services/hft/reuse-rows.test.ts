import { describe, expect, it } from 'vitest';
import { Positions, Strategies, type Position, type Strategy } from '../../contract/hft.js';
import { ROW_SPECS } from '../../core/live-link/link.js';
import { describeFirstIssue } from './issues.js';
import { z } from 'zod';
import { sameJson } from '../../core/live-link/rows.js';
import { validateRows, type HeldRows, type RowsValidation } from './reuse-rows.js';

const TS = '2026-11-24T18:00:00.000Z';
const POS = ROW_SPECS.positions!;
const STRAT = ROW_SPECS.strategies!;

const position = (i: number): Position => ({
  exchange: ['binance', 'kraken', 'okx'][i % 3]!,
  symbol: `A${i}-USDT`,
  side: i % 2 === 0 ? 'long' : 'short',
  quantity: 1 + i,
  avg_entry_price: 100 + i,
  mark_price: 101 + i,
  notional_usd: (1 + i) * (101 + i),
  unrealized_pnl_usd: 1 + i,
  strategy_id: `mm-a${i % 5}-01`,
});
const strategy = (i: number): Strategy => ({
  strategy_id: `mm-s${i}-01`,
  name: `S ${i}`,
  status: 'running',
  exchanges: ['binance', 'okx'],
  performance: { daily_pnl_usd: i, trades_today: 10 * i, fill_rate_pct: 50 },
});
/** A body as the client would have parsed it: fresh objects, nothing shared with any earlier answer. */
const parsed = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));
const book = (rows: Position[], timestamp = TS) => ({ timestamp, positions: rows });

/** Validates like the client does: the first answer whole, then each against the rows it held. */
function first(json: unknown, schema: typeof Positions | typeof Strategies = Positions): HeldRows {
  const spec = schema === Positions ? POS : STRAT;
  const r = validateRows(json, schema as never, spec, null);
  if (!r.success || r.rows === null) throw new Error('the first answer must be good');
  return r.rows;
}

describe('validateRows', () => {
  it('takes over the validated rows that did not change, validates the others, and gives what whole validation gives', () => {
    const rows = Array.from({ length: 20 }, (_, i) => position(i));
    const held = first(parsed(book(rows)));
    const next = rows.map((p, i) => (i % 10 === 3 ? { ...p, mark_price: p.mark_price + 1 } : p));
    const json = parsed(book(next, '2026-11-24T18:00:01.000Z'));
    const r = validateRows(json, Positions, POS, held);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data).toEqual(Positions.parse(json));
    r.data.positions.forEach((row, i) => {
      if (i % 10 === 3) {
        expect(row, `row ${i} moved`).not.toBe(held.value[i]);
        expect(row.mark_price).toBe(next[i]!.mark_price);
      } else expect(row, `row ${i} kept`).toBe(held.value[i]);
    });
  });

  it('finds a changed field deep inside a row (a strategy\'s performance, its exchanges)', () => {
    const rows = Array.from({ length: 5 }, (_, i) => strategy(i));
    const held = first(parsed({ timestamp: TS, strategies: rows }), Strategies);
    const next = rows.map((s, i) =>
      i === 1 ? { ...s, performance: { ...s.performance, daily_pnl_usd: -7 } } : i === 3 ? { ...s, exchanges: ['binance', 'kraken'] } : s,
    );
    const json = parsed({ timestamp: TS, strategies: next });
    const r = validateRows(json, Strategies, STRAT, held);
    expect(r.success && r.data).toEqual(Strategies.parse(json));
    if (!r.success) return;
    expect(r.data.strategies[1]!.performance.daily_pnl_usd).toBe(-7);
    expect(r.data.strategies[3]!.exchanges).toEqual(['binance', 'kraken']);
    expect(r.data.strategies[0]).toBe(held.value[0]);
    // Only the changed fields of a moved row are validated again: the rest are the held row's own.
    const heldRow = held.value[1] as Strategy;
    expect(r.data.strategies[1]).not.toBe(heldRow);
    expect(r.data.strategies[1]!.exchanges).toBe(heldRow.exchanges);
    expect(r.data.strategies[3]!.performance).toBe((held.value[3] as Strategy).performance);
    expect(Object.keys(r.data.strategies[1]!)).toEqual(Object.keys(heldRow));
  });

  it('validates a moved row whole when its schema checks the row itself, or a field came or went', () => {
    const Capped = z.object({
      timestamp: z.string(),
      positions: z.array(z.object({ strategy_id: z.string(), v: z.number(), w: z.number().optional() }).refine((p) => p.v < 10, 'v too large')),
    });
    const spec = { list: 'positions', key: ['strategy_id'] };
    const held = validateRows({ timestamp: TS, positions: [{ strategy_id: 'a', v: 1 }] }, Capped, spec, null);
    if (!held.success) throw new Error('good answer');
    const over = { timestamp: TS, positions: [{ strategy_id: 'a', v: 20 }] };
    const r = validateRows(over, Capped, spec, held.rows);
    expect(r.success).toBe(false);
    const whole = Capped.safeParse(over);
    if (!r.success && !whole.success) expect(describeFirstIssue(r.error)).toBe(describeFirstIssue(whole.error));

    const Plain = z.object({ timestamp: z.string(), positions: z.array(z.object({ strategy_id: z.string(), v: z.number(), w: z.number().optional() })) });
    const plainHeld = validateRows({ timestamp: TS, positions: [{ strategy_id: 'a', v: 1 }] }, Plain, spec, null);
    if (!plainHeld.success) throw new Error('good answer');
    for (const next of [
      { timestamp: TS, positions: [{ strategy_id: 'a', v: 2, w: 3 }] },
      { timestamp: TS, positions: [{ strategy_id: 'a', w: 3 }] },
      { timestamp: TS, positions: [{ strategy_id: 'a', v: 'x' }] },
    ]) {
      const got = validateRows(next, Plain, spec, plainHeld.rows);
      const want = Plain.safeParse(next);
      expect(got.success, JSON.stringify(next)).toBe(want.success);
      if (got.success && want.success) expect(Object.entries(got.data.positions[0]!)).toEqual(Object.entries(want.data.positions[0]!));
      if (!got.success && !want.success) expect(describeFirstIssue(got.error)).toBe(describeFirstIssue(want.error));
    }
  });

  it('rejects a changed row that breaks the contract with the report whole validation gives, even when its key is unchanged', () => {
    const rows = Array.from({ length: 6 }, (_, i) => position(i));
    const held = first(parsed(book(rows)));
    for (const bad of [
      { ...rows[3]!, quantity: -1 },
      { ...rows[3]!, quantity: '4' },
      { ...rows[3]!, side: 'flat' },
      (({ mark_price: _gone, ...rest }) => rest)(rows[3]!),
      null,
      'row',
    ]) {
      const json = parsed(book(rows.map((p, i) => (i === 3 ? bad : p)) as Position[]));
      const r = validateRows(json, Positions, POS, held);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      const whole = Positions.safeParse(json);
      if (!r.success && !whole.success) expect(describeFirstIssue(r.error)).toBe(describeFirstIssue(whole.error));
    }
  });

  it('rejects a bad answer head, and a body whose rows are not a list, as whole validation does', () => {
    const rows = [position(0), position(1)];
    const held = first(parsed(book(rows)));
    for (const json of [parsed(book(rows, 'yesterday')), { timestamp: TS, positions: {} }, { timestamp: TS }, [], null]) {
      const r = validateRows(json, Positions, POS, held);
      const whole = Positions.safeParse(json);
      expect(r.success).toBe(false);
      if (!r.success && !whole.success) expect(describeFirstIssue(r.error)).toBe(describeFirstIssue(whole.error));
    }
  });

  it('matches moved rows by their key: added, removed and reordered rows, and two rows with one key', () => {
    const rows = Array.from({ length: 8 }, (_, i) => position(i));
    const held = first(parsed(book(rows)));
    const shapes: Position[][] = [
      [rows[7]!, ...rows.slice(0, 7)],
      rows.slice(2),
      [...rows, position(99)],
      [rows[0]!, rows[0]!, ...rows.slice(1)],
      [rows[1]!, { ...rows[0]!, quantity: 0.5 }, ...rows.slice(2)],
    ];
    for (const shape of shapes) {
      const json = parsed(book(shape));
      const r = validateRows(json, Positions, POS, held);
      expect(r.success && r.data).toEqual(Positions.parse(json));
      if (!r.success) continue;
      for (const row of r.data.positions) {
        const before = held.value.find((h) => sameJson(h, row));
        if (before !== undefined) expect(row).toBe(before);
      }
    }
  });

  it('takes over nothing from rows that differ only in a field the contract drops, and gives the same answer', () => {
    const rows = [position(0), position(1)];
    const held = first(parsed(book(rows)));
    const json = parsed(book(rows.map((p) => ({ ...p, extra: 1 }) as Position)));
    const r = validateRows(json, Positions, POS, held);
    expect(r.success && r.data).toEqual(Positions.parse(json));
  });

  it('takes over a row that gained a field a plain object schema drops, but not under a schema that keeps such fields', () => {
    const rows = [position(0), position(1)];
    const held = first(parsed(book(rows)));
    const json = parsed(book([{ ...rows[0]!, note: 'x' } as Position, rows[1]!]));
    const r = validateRows(json, Positions, POS, held);
    expect(r.success && r.data.positions[0]).toBe(held.value[0]);
    expect(r.success && r.data).toEqual(Positions.parse(json));

    const Loose = z.object({ timestamp: z.string(), positions: z.array(z.looseObject({ strategy_id: z.string(), v: z.number() })) });
    const spec = { list: 'positions', key: ['strategy_id'] };
    const looseHeld = validateRows({ timestamp: TS, positions: [{ strategy_id: 'a', v: 1 }] }, Loose, spec, null);
    if (!looseHeld.success) throw new Error('good answer');
    const next = { timestamp: TS, positions: [{ strategy_id: 'a', v: 1, note: 'x' }] };
    const loose = validateRows(next, Loose, spec, looseHeld.rows);
    expect(loose.success && loose.data).toEqual(Loose.parse(next));
    expect(loose.success && loose.data.positions[0]).toEqual({ strategy_id: 'a', v: 1, note: 'x' });
  });

  it('agrees with whole validation over many random rounds of moves, bad rows and reshuffles', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let rows: unknown[] = Array.from({ length: 30 }, (_, i) => position(i));
    let held: HeldRows | null = null;
    let taken = 0;
    for (let round = 0; round < 300; round++) {
      const next = rows.map((row) => {
        const r = rand();
        const p = row as Record<string, unknown>;
        if (r < 0.1) return { ...p, mark_price: Math.round(rand() * 1000) };
        if (r < 0.12) return { ...p, quantity: rand() < 0.5 ? -1 : 'x' };
        if (r < 0.13) return (({ notional_usd: _n, ...rest }) => rest)(p);
        if (r < 0.14) return { ...p, symbol: `B${Math.floor(rand() * 40)}-USDT` };
        return p;
      });
      if (rand() < 0.1) next.reverse();
      if (rand() < 0.1) next.splice(Math.floor(rand() * next.length), 1);
      if (rand() < 0.1) next.push(position(100 + round));
      const json = parsed({ timestamp: TS, positions: next });
      const whole = Positions.safeParse(json);
      const r: RowsValidation<Positions> = validateRows(json, Positions, POS, held);
      expect(r.success, `round ${round}`).toBe(whole.success);
      if (r.success && whole.success) {
        expect(r.data, `round ${round}`).toEqual(whole.data);
        taken += r.data.positions.filter((row) => held?.value.includes(row)).length;
        held = r.rows;
        rows = next;
      } else if (!r.success && !whole.success) {
        expect(describeFirstIssue(r.error), `round ${round}`).toBe(describeFirstIssue(whole.error));
        // The next answer mends the bad rows; the held rows stay those of the last good answer.
        rows = rows.map((row) => row);
      }
    }
    expect(taken).toBeGreaterThan(1000);
  });
});

describe('sameJson', () => {
  it('is deep equality of JSON values, key order aside', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameJson({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameJson({ a: {} }, { b: {} })).toBe(false);
  });
});
