/**
 * What one poll costs the renderer at 10,000 positions and 1,000 strategies,
 * and what a chart update costs with 12 h of 1 Hz history. Runs under plain
 * Node (`npx tsx renderer/bench/update.bench.ts`); no DOM is available here,
 * so it measures the parts that do not need one:
 *
 *  - parse: JSON.parse of the update as the browser host's socket delivers it
 *    (transport, outside the 8 ms budget, reported for context);
 *  - merge: the store's merge of the update. By default every position and
 *    every strategy moves, as with the simulator: it marks every position to
 *    market on every 250 ms tick and moves every strategy's P&L each second,
 *    so a 1 s poll finds all 10,000 rows changed;
 *  - rows: what the mounted components select after the merge: the visible
 *    position rows, the book's total uPnL, the strategies in worst-first
 *    order for the visible strategy rows, the losing count, plus the
 *    virtualiser's layout of 10,000 rows;
 *  - chart: ring columns of 43,200 points, LTTB to 1,600 px, chart points.
 *
 * React's commit of the same update is measured in Chromium by the page
 * itself (`data-update-ms` on the dashboard, see view/UpdateProbe.tsx).
 */
import { Virtualizer } from '@tanstack/virtual-core';
import type { Strategy } from '../../src/contract/hft.js';
import type { LiveUpdate } from '../../src/contract/live.js';
import { createCockpitStore } from '../store/cockpit-store.js';
import { repoll, sampleEndpoints, samplePositions, sampleStrategies } from '../store/live-fixtures.js';
import { RiskHistoryRing } from '../store/risk-history.js';
import {
  selectLosingStrategyCount,
  selectPositionAt,
  selectPositionCount,
  selectStrategyInOrderAt,
  selectTotalUnrealizedPnl,
} from '../store/selectors.js';
import { riskChartPoints } from '../view/chart-points.js';
import { POSITION_ROW_PX } from '../view/position-layout.js';

export interface UpdateBenchOptions {
  positions?: number;
  strategies?: number;
  /** Share of positions and of strategies whose numbers move per poll, %; the simulator moves all of them. */
  changedPct?: number;
  rounds?: number;
  /** Rows mounted in the positions panel (360 px at 26 px a row, plus overscan). */
  visibleRows?: number;
  historyPoints?: number;
  chartWidthPx?: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

export interface UpdateBenchResult {
  positions: number;
  changedPct: number;
  parseMs: Percentiles;
  mergeMs: Percentiles;
  rowsMs: Percentiles;
  /** merge + rows: the renderer's share of a poll that does not need a DOM. */
  updateMs: Percentiles;
  chartMs: Percentiles;
  keptRowIdentityPct: number;
}

const percentiles = (samples: number[]): Percentiles => {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s.at(-1)! };
};

/** `count` distinct row numbers out of `n`, a different spread each round. */
const pick = (count: number, n: number, round: number) =>
  count >= n ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: count }, (_, k) => (k * 7919 + round * 31) % n);

/** A copy of `strategies` as a new poll brings it: every object new, the listed ones' P&L moved. */
const repollStrategies = (strategies: readonly Strategy[], changed: readonly number[], round: number): Strategy[] => {
  const moved = new Set(changed);
  return strategies.map((s, i) => ({
    ...s,
    exchanges: [...s.exchanges],
    performance: moved.has(i)
      ? { ...s.performance, daily_pnl_usd: s.performance.daily_pnl_usd + (((i * 31 + round * 17) % 201) - 100), trades_today: s.performance.trades_today + 1 }
      : { ...s.performance },
  }));
};

export function measureUpdate(options: UpdateBenchOptions = {}): UpdateBenchResult {
  const n = options.positions ?? 10_000;
  const strategyCount = options.strategies ?? 1_000;
  const changedPct = options.changedPct ?? 100;
  const changed = Math.max(1, Math.round((n * changedPct) / 100));
  const changedStrategies = Math.round((strategyCount * changedPct) / 100);
  const rounds = options.rounds ?? 60;
  const visible = options.visibleRows ?? 22;
  const store = createCockpitStore();
  let strategies = sampleStrategies(strategyCount);
  let positions = samplePositions(n, strategyCount);
  store.getState().applySnapshot({ endpoints: sampleEndpoints(0, positions, strategies), pollMs: 1000, at: 0 }, 0);

  const virtualizer = new Virtualizer<HTMLDivElement, Element>({
    count: n,
    getScrollElement: () => null,
    estimateSize: () => POSITION_ROW_PX,
    overscan: 4,
    initialRect: { width: 1000, height: 360 },
    scrollToFn: () => {},
    observeElementRect: () => {},
    observeElementOffset: () => {},
  });

  const parse: number[] = [];
  const merge: number[] = [];
  const rows: number[] = [];
  const update: number[] = [];
  let kept = 0;
  let sink = 0;
  for (let round = 1; round <= rounds; round++) {
    positions = repoll(positions, pick(changed, n, round));
    strategies = repollStrategies(strategies, pick(changedStrategies, strategyCount, round), round);
    const wire = JSON.stringify({ endpoints: sampleEndpoints(round * 1000, positions, strategies), pollMs: 1000, at: round * 1000 });
    const before = store.getState();

    let t = performance.now();
    const message = JSON.parse(wire) as LiveUpdate;
    parse.push(performance.now() - t);

    t = performance.now();
    store.getState().applyUpdate(message, round);
    const merged = performance.now() - t;
    merge.push(merged);

    t = performance.now();
    const after = store.getState();
    const top = (round * 211) % Math.max(1, n - visible);
    virtualizer.setOptions({ ...virtualizer.options, count: selectPositionCount(after) });
    virtualizer.getVirtualItems();
    let rerender = 0;
    for (let i = top; i < top + visible; i++) if (selectPositionAt(after, i) !== selectPositionAt(before, i)) rerender++;
    for (let i = 0; i < visible; i++) if (selectStrategyInOrderAt(after, 'worst-first', i) !== selectStrategyInOrderAt(before, 'worst-first', i)) rerender++;
    sink += selectTotalUnrealizedPnl(after) + selectLosingStrategyCount(after);
    const rowTime = performance.now() - t;
    rows.push(rowTime);
    update.push(merged + rowTime);
    if (rerender > 2 * visible) throw new Error('more rows changed than are visible');

    const a = after.endpoints.positions!.data!.positions;
    const b = before.endpoints.positions!.data!.positions;
    kept = a.filter((row, i) => row === b[i]).length;
  }
  if (Number.isNaN(sink)) throw new Error('the book total is not a number');

  const ring = new RiskHistoryRing(options.historyPoints ?? 43_200);
  const t0 = Date.UTC(2026, 10, 24, 6);
  for (let i = 0; i < ring.capacity; i++) {
    const pnl = -25_000 * Math.sin(i / 5000) + ((i * 7919) % 401) - 200;
    ring.append(t0 + i * 1000, pnl, (Math.max(0, -pnl) / 50_000) * 100);
  }
  const chart: number[] = [];
  for (let round = 0; round < 30; round++) {
    ring.append(t0 + (ring.capacity + round) * 1000, -1000, 2);
    const t = performance.now();
    riskChartPoints(ring.columns(), options.chartWidthPx ?? 1600);
    chart.push(performance.now() - t);
  }

  return {
    positions: n,
    changedPct,
    parseMs: percentiles(parse),
    mergeMs: percentiles(merge),
    rowsMs: percentiles(rows),
    updateMs: percentiles(update),
    chartMs: percentiles(chart),
    keptRowIdentityPct: (kept / n) * 100,
  };
}

const ms = (p: Percentiles) => `p50 ${p.p50.toFixed(2)} ms, p95 ${p.p95.toFixed(2)} ms, max ${p.max.toFixed(2)} ms`;

/** Prints the figures; returns the result for a caller that wants to compare it with a budget. */
export function printUpdateBench(options?: UpdateBenchOptions): UpdateBenchResult {
  const r = measureUpdate(options);
  console.log(`renderer update at ${r.positions.toLocaleString('en-US')} positions, ${r.changedPct}% of rows moved (budget 8 ms for merge + React commit)`);
  console.log(`  parse (transport, context): ${ms(r.parseMs)}`);
  console.log(`  store merge:                ${ms(r.mergeMs)}`);
  console.log(`  row selectors + virtualiser: ${ms(r.rowsMs)}`);
  console.log(`  merge + rows:               ${ms(r.updateMs)}`);
  console.log(`  row objects kept identical: ${r.keptRowIdentityPct.toFixed(1)}%`);
  console.log(`chart update, 43,200 points -> LTTB (budget 20 ms): ${ms(r.chartMs)}`);
  return r;
}

if (import.meta.url === `file://${process.argv[1]}`) printUpdateBench();
