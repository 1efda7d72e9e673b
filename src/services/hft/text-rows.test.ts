import { describe, expect, it } from 'vitest';
import { ROW_SPECS } from '../../core/live-link/link.js';
import { parseRowsText, type HeldText } from './text-rows.js';

const POS = ROW_SPECS.positions!;
const STRAT = ROW_SPECS.strategies!;
const TS = '2026-11-24T18:00:00.000Z';

const position = (i: number, mark = 101 + i) => ({
  exchange: ['binance', 'kraken', 'okx'][i % 3]!,
  symbol: `A${i}-USDT`,
  side: i % 2 === 0 ? 'long' : 'short',
  quantity: 1 + i,
  mark_price: mark,
  strategy_id: `mm-a${i % 5}-01`,
});
const body = (rows: unknown[], timestamp = TS) => JSON.stringify({ timestamp, positions: rows });

/** What the client holds after a good answer: each row's text and what it parsed into. */
function hold(text: string, spec = POS): HeldText {
  const r = parseRowsText(text, spec, null);
  if (r === null) throw new Error('a good answer must be walked');
  return { slices: r.slices, raw: (r.json as Record<string, unknown[]>)[spec.list]! };
}

describe('parseRowsText', () => {
  it('parses what JSON.parse parses, with the held rows standing for the rows whose text did not change', () => {
    const rows = Array.from({ length: 10 }, (_, i) => position(i));
    const held = hold(body(rows));
    const next = body(rows.map((p, i) => (i === 4 ? position(i, 7) : p)), '2026-11-24T18:00:01.000Z');
    const r = parseRowsText(next, POS, held)!;
    expect(r.json).toEqual(JSON.parse(next));
    expect(r.reused).toBe(9);
    const out = (r.json as { positions: unknown[] }).positions;
    out.forEach((row, i) => (i === 4 ? expect(row).not.toBe(held.raw[4]) : expect(row, `row ${i}`).toBe(held.raw[i])));
    expect(r.slices.join(',')).toBe(next.slice(next.indexOf('[') + 1, next.lastIndexOf(']')));
  });

  it('gives JSON.parse only the text of the rows that changed', () => {
    const rows = Array.from({ length: 50 }, (_, i) => position(i));
    const held = hold(body(rows));
    const next = body(rows.map((p, i) => (i === 20 ? position(i, 7) : p)));
    const realParse = JSON.parse;
    const given: string[] = [];
    JSON.parse = ((text: string) => (given.push(text), realParse(text))) as typeof JSON.parse;
    try {
      parseRowsText(next, POS, held);
    } finally {
      JSON.parse = realParse;
    }
    expect(given).toHaveLength(1);
    expect(given[0]!.length).toBeLessThan(next.length / 10);
  });

  it('keeps the held rows through a row added or removed before them', () => {
    const rows = Array.from({ length: 8 }, (_, i) => position(i));
    const held = hold(body(rows));
    for (const [shape, reused] of [
      [[...rows.slice(0, 3), position(50), ...rows.slice(3)], 8],
      [[...rows.slice(0, 3), ...rows.slice(4)], 7],
    ] as const) {
      const next = body([...shape]);
      const r = parseRowsText(next, POS, held)!;
      expect(r.json).toEqual(JSON.parse(next));
      expect(r.reused).toBe(reused);
      // Every held row is taken over at most once.
      const out = (r.json as { positions: unknown[] }).positions;
      expect(new Set(out).size).toBe(out.length);
    }
    // The same row twice: the second is parsed, not the held object again.
    const twice = body([rows[0], rows[0], ...rows.slice(1)]);
    const r = parseRowsText(twice, POS, held)!;
    expect(r.json).toEqual(JSON.parse(twice));
    const out = (r.json as { positions: unknown[] }).positions;
    expect(out[0]).not.toBe(out[1]);
  });

  it('walks strings holding brackets, quotes and backslashes, nested rows, and spacing', () => {
    const odd = [
      { strategy_id: 's}1', name: 'a "quoted" {name}', exchanges: ['x]', '[y'], performance: { daily_pnl_usd: 1 } },
      { strategy_id: 's\\2', name: 'ends in a backslash \\', exchanges: [], performance: { daily_pnl_usd: -1e-7 } },
      { strategy_id: 's3', name: '\\"', exchanges: ['\u00e9\u4e2d'], performance: { daily_pnl_usd: 0, x: [[{}]] } },
    ];
    const texts = [
      JSON.stringify({ timestamp: TS, strategies: odd }),
      JSON.stringify({ strategies: odd, timestamp: TS, extra: { strategies: [1] } }),
      JSON.stringify({ timestamp: TS, strategies: odd }, null, 2),
      `\n { "timestamp" : "${TS}" ,\t"strategies" :\r\n[ ${odd.map((s) => JSON.stringify(s)).join(' ,\n ')} ] }\n`,
    ];
    for (const text of texts) {
      const held = hold(text, STRAT);
      expect(held.raw).toEqual(JSON.parse(text).strategies);
      const r = parseRowsText(text, STRAT, held)!;
      expect(r.json).toEqual(JSON.parse(text));
      expect(r.reused).toBe(3);
    }
    expect(parseRowsText(JSON.stringify({ timestamp: TS, strategies: [] }), STRAT, null)?.json).toEqual({ timestamp: TS, strategies: [] });
  });

  it('gives up, for the caller to parse the answer whole, on a body it cannot walk', () => {
    const rows = [position(0), position(1)];
    const held = hold(body(rows));
    for (const text of [
      '[]',
      '{}',
      'null',
      JSON.stringify({ timestamp: TS }),
      JSON.stringify({ timestamp: TS, positions: {} }),
      JSON.stringify({ timestamp: TS, positions: [1, 2] }),
      JSON.stringify({ timestamp: TS, positions: [rows[0], null] }),
      // Twice the list: JSON.parse keeps the last one, which the walk would not read.
      `{"positions":${JSON.stringify(rows)},"positions":[]}`,
      `{"position\\u0073":${JSON.stringify(rows)}}`,
    ]) {
      expect(parseRowsText(text, POS, held), text).toBeNull();
    }
  });

  it('never gives a value for a body that is not JSON, nor a value other than JSON.parse gives, however the body is broken', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const rows = Array.from({ length: 6 }, (_, i) => ({ ...position(i), note: i % 2 ? 'a "b" {c} [d] \\' : '' }));
    const good = body(rows);
    const held = hold(good);
    const noise = ['{', '}', '[', ']', '"', '\\', ',', ':', '0', ' ', 'x', '\\"'];
    let parsedWhole = 0;
    let broken = 0;
    for (let round = 0; round < 3000; round++) {
      let text = good;
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * text.length);
        const kind = rand();
        if (kind < 0.4) text = text.slice(0, at) + text.slice(at + 1);
        else if (kind < 0.8) text = text.slice(0, at) + noise[Math.floor(rand() * noise.length)] + text.slice(at);
        else text = text.slice(0, at) + noise[Math.floor(rand() * noise.length)] + text.slice(at + 1);
      }
      let expected: unknown;
      let valid = true;
      try {
        expected = JSON.parse(text);
      } catch {
        valid = false;
      }
      const r = parseRowsText(text, POS, held);
      if (!valid) {
        broken++;
        expect(r, text).toBeNull();
      } else if (r !== null) {
        parsedWhole++;
        expect(r.json, text).toEqual(expected);
      }
    }
    expect(broken).toBeGreaterThan(1000);
    expect(parsedWhole).toBeGreaterThan(100);
  });
});
