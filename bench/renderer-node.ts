/**
 * The renderer's DOM-free share of a poll at 10,000 positions, and the chart
 * update with 12 h of 1 Hz history (43,200 points through LTTB). Goal (issue:
 * foundation): chart update under 20 ms. The poll is measured as the
 * simulator makes it, every position and strategy moved; a quiet book where
 * 1 % of rows move is shown beside it for contrast.
 */
import { measureUpdate } from '../renderer/bench/update.bench.js';
import type { BenchFigure } from './figure.js';

export async function benchRendererInNode(): Promise<BenchFigure[]> {
  const r = measureUpdate({ positions: 10_000, changedPct: 100, historyPoints: 12 * 3600 });
  const quiet = measureUpdate({ positions: 10_000, changedPct: 1, rounds: 30, historyPoints: 1000 });
  return [
    { name: 'renderer store merge at 10,000 positions, all moved (Node), p95', value: r.mergeMs.p95, unit: 'ms' },
    { name: 'renderer merge + selectors, 10,000 positions all moved (Node), p95', value: r.updateMs.p95, unit: 'ms', goal: { max: 8 } },
    { name: 'renderer store merge at 10,000 positions, 1% moved (Node), p95', value: quiet.mergeMs.p95, unit: 'ms' },
    { name: 'JSON parse of a 10,000-position update (transport), p95', value: r.parseMs.p95, unit: 'ms' },
    { name: 'chart update, 12 h of 1 Hz history (43,200 points), p95', value: r.chartMs.p95, unit: 'ms', goal: { max: 20 } },
    { name: 'position rows keeping their identity across a quiet poll (1% moved)', value: quiet.keptRowIdentityPct, unit: '%' },
  ];
}
