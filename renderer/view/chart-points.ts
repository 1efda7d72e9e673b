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

/** Round steps for a value axis: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10) * power;
}

/** About `count` ticks on round steps covering [min, max]; the axis domain is first to last. */
export function valueTicks(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const span = max - min || Math.abs(max) || 1;
  const step = niceStep(span / Math.max(1, count - 1));
  const first = Math.floor(min / step);
  const last = Math.max(first + 1, Math.ceil(max / step));
  const ticks: number[] = [];
  for (let n = first; n <= last; n++) ticks.push(Number((n * step).toFixed(10)));
  return ticks;
}

/**
 * A tick formatter that never prints the same label twice on one axis: the
 * fewest decimals (0 to `maxDigits`) at which every tick reads differently
 * ("$2.5k" and "$3k", not "$3k" twice).
 */
export function distinctLabels(ticks: readonly number[], format: (v: number, digits: number) => string, maxDigits = 3): (v: number) => string {
  for (let digits = 0; digits < maxDigits; digits++) {
    const labels = ticks.map((t) => format(t, digits));
    if (new Set(labels).size === labels.length) return (v) => format(v, digits);
  }
  return (v) => format(v, maxDigits);
}

/** "-$12k", "$2.5k", "$800": USD short enough for an axis. */
export function compactUsd(v: number, digits: number): string {
  const abs = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  return abs >= 1000 ? `${sign}$${(abs / 1000).toFixed(digits)}k` : `${sign}$${abs.toFixed(Math.max(0, digits - 1))}`;
}
