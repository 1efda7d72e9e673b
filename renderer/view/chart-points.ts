/**
 * The risk history as chart points: never more than the chart is wide in
 * pixels (per line), picked by LTTB so spikes survive the downsampling.
 */
import { lttbIndicesOfAll } from '../../src/core/lttb.js';
import type { RiskColumns } from '../store/risk-history.js';

export interface RiskPoint {
  /** Wall-clock ms. */
  t: number;
  pnl: number;
  used: number;
}

export function riskChartPoints(columns: RiskColumns, widthPx: number): RiskPoint[] {
  const budget = Math.max(2, Math.floor(widthPx));
  const kept = lttbIndicesOfAll(columns.t, [columns.dailyPnlUsd, columns.lossLimitUsedPct], budget);
  return kept.map((i) => ({ t: columns.t[i]!, pnl: columns.dailyPnlUsd[i]!, used: columns.lossLimitUsedPct[i]! }));
}
