/**
 * The renderer's DOM-free share of a poll at 10,000 positions, and the chart
 * update with 12 h of 1 Hz history (43,200 points through LTTB). Goal (issue:
 * foundation): chart update under 20 ms.
 */
import { measureUpdate } from '../renderer/bench/update.bench.js';
import type { BenchFigure } from './figure.js';

export async function benchRendererInNode(): Promise<BenchFigure[]> {
  const r = measureUpdate({ positions: 10_000, historyPoints: 12 * 3600 });
  return [
    { name: 'renderer store merge at 10,000 positions (Node), p95', value: r.mergeMs.p95, unit: 'ms' },
    { name: 'renderer merge + visible rows at 10,000 positions (Node), p95', value: r.updateMs.p95, unit: 'ms', goal: { max: 8 } },
    { name: 'JSON parse of a 10,000-position update (transport), p95', value: r.parseMs.p95, unit: 'ms' },
    { name: 'chart update, 12 h of 1 Hz history (43,200 points), p95', value: r.chartMs.p95, unit: 'ms', goal: { max: 20 } },
    { name: 'position rows keeping their identity across a poll', value: r.keptRowIdentityPct, unit: '%' },
  ];
}
