/**
 * The risk history as chart points: never more than the chart is wide in
 * pixels, picked by LTTB so spikes survive the downsampling.
 *
 * The points are chosen on daily P&L alone: loss-limit use is
 * max(0, -P&L) / limit (shared/hft-api.md), the same shape while the limit
 * holds, so one pass keeps both lines and the budget stays one point per pixel.
 */
import { lttbIndices } from '../../src/core/lttb.js';
import type { RiskColumns } from '../store/risk-history.js';

export interface RiskPoint {
  /** Wall-clock ms. */
  t: number;
  pnl: number;
  used: number;
}

export function riskChartPoints(columns: RiskColumns, widthPx: number): RiskPoint[] {
  const budget = Math.max(2, Math.floor(widthPx));
  const kept = lttbIndices(columns.t, columns.dailyPnlUsd, budget);
  return kept.map((i) => ({ t: columns.t[i]!, pnl: columns.dailyPnlUsd[i]!, used: columns.lossLimitUsedPct[i]! }));
}

/** Tick steps for the time axis, ms: whole minutes and hours an engineer reads at a glance. */
const TIME_STEPS_MS = [10_000, 30_000, 60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000];

/**
 * Time-axis ticks on round steps (in `offsetMinutes`' local time), at most
 * `maxTicks` of them. Given to the chart explicitly: recharts would otherwise
 * measure every candidate label's text on each redraw.
 */
export function timeTicks(fromMs: number, toMs: number, maxTicks: number, offsetMinutes: number): number[] {
  if (!(toMs > fromMs) || maxTicks < 1) return [];
  const span = toMs - fromMs;
  const step = TIME_STEPS_MS.find((s) => span / s <= maxTicks) ?? TIME_STEPS_MS.at(-1)!;
  const offset = offsetMinutes * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((fromMs + offset) / step) * step - offset; t <= toMs && ticks.length < maxTicks + 1; t += step) ticks.push(t);
  return ticks;
}
