/**
 * What one poll costs the renderer at 10,000 positions, and what a chart
 * update costs with 12 h of 1 Hz history. Runs under plain Node (`npx tsx
 * renderer/bench/update.bench.ts`); no DOM is available here, so it measures
 * the parts that do not need one:
 *
 *  - parse: JSON.parse of the update as the browser host's socket delivers it
 *    (transport, outside the 8 ms budget, reported for context);
 *  - merge: the store's merge of the update (structural sharing, 1 % of rows moved);
 *  - rows: the per-row selectors of the visible window, as the mounted rows run them,
 *    plus the virtualiser's layout of 10,000 rows;
 *  - chart: ring columns of 43,200 points, LTTB to 1,600 px, chart points.
 *
 * React's commit of the same update is measured in Chromium by the page
 * itself (`data-update-ms` on the dashboard, see view/UpdateProbe.tsx).
 */
import { Virtualizer } from '@tanstack/virtual-core';
import type { LiveUpdate } from '../../src/contract/live.js';
import { createCockpitStore } from '../store/cockpit-store.js';
import { repoll, sampleEndpoints, samplePositions, sampleStrategies } from '../store/live-fixtures.js';
import { RiskHistoryRing } from '../store/risk-history.js';
import { selectPositionAt, selectPositionCount } from '../store/selectors.js';
import { riskChartPoints } from '../view/chart-points.js';
import { POSITION_ROW_PX } from '../view/position-layout.js';

export interface UpdateBenchOptions {
  positions?: number;
  /** Share of positions whose numbers move per poll, %. */
  changedPct?: number;
  rounds?: number;
  /** Rows visible in the positions panel (360 px at 26 px a row, plus overscan). */
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

export function measureUpdate(options: UpdateBenchOptions = {}): UpdateBenchResult {
  const n = options.positions ?? 10_000;
  const changed = Math.max(1, Math.round((n * (options.changedPct ?? 1)) / 100));
  const rounds = options.rounds ?? 60;
  const visible = options.visibleRows ?? 38;
  const store = createCockpitStore();
  const strategies = sampleStrategies(40);
  let positions = samplePositions(n);
  store.getState().applySnapshot({ endpoints: sampleEndpoints(0, positions, strategies), pollMs: 1000, at: 0 }, 0);

  const virtualizer = new Virtualizer<HTMLDivElement, Element>({
    count: n,
    getScrollElement: () => null,
    estimateSize: () => POSITION_ROW_PX,
    overscan: 12,
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
  for (let round = 1; round <= rounds; round++) {
    positions = repoll(positions, Array.from({ length: changed }, (_, k) => (k * 7919 + round * 31) % n));
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
    const rowTime = performance.now() - t;
    rows.push(rowTime);
    update.push(merged + rowTime);
    if (rerender > visible) throw new Error('more rows changed than are visible');

    const a = after.endpoints.positions!.data!.positions;
    const b = before.endpoints.positions!.data!.positions;
    kept = a.filter((row, i) => row === b[i]).length;
  }

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
  console.log(`renderer update at ${r.positions.toLocaleString('en-US')} positions (budget 8 ms for merge + React commit)`);
  console.log(`  parse (transport, context): ${ms(r.parseMs)}`);
  console.log(`  store merge:                ${ms(r.mergeMs)}`);
  console.log(`  row selectors + virtualiser: ${ms(r.rowsMs)}`);
  console.log(`  merge + rows:               ${ms(r.updateMs)}`);
  console.log(`  row objects kept identical: ${r.keptRowIdentityPct.toFixed(1)}%`);
  console.log(`chart update, 43,200 points -> LTTB (budget 20 ms): ${ms(r.chartMs)}`);
  return r;
}

if (import.meta.url === `file://${process.argv[1]}`) printUpdateBench();
