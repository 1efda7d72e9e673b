/**
 * The weekly trend, for the shift's "review incident trends of the week":
 * the last seven days against the seven before, counted by the incidents'
 * start. What it counts: how many, by severity and by scenario (opened by
 * hand without one: "other"), how many the rules did not see (opened by
 * hand), how many the rules got wrong (false positives), and the median
 * minutes to acknowledge and to resolve. Drills are left out: they say
 * nothing about the system. Pure: the week ends at `now`.
 */
import { SEVERITIES, type Playbook, type ScenarioId, type Severity } from '../playbook/schema.js';
import { clocksFrom, type Incident } from './model.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const TREND_WEEK_MS = 7 * DAY_MS;

export interface TrendWeek {
  from: number;
  to: number;
  total: number;
  bySeverity: Record<Severity, number>;
  byScenario: Partial<Record<ScenarioId | 'other', number>>;
  openedByHand: number;
  falsePositives: number;
  /** Median minutes from the start (or reopening) to the acknowledgement, of those acknowledged; null when none were. */
  medianAckMinutes: number | null;
  /** Median minutes from the start to the resolution, of those resolved; null when none were. */
  medianResolveMinutes: number | null;
}

export interface IncidentTrend {
  thisWeek: TrendWeek;
  lastWeek: TrendWeek;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const minutes = (ms: number) => Math.round(ms / 6_000) / 10;

/** The incidents that started in [from, to), drills left out, counted. */
export function trendWeek(incidents: readonly Incident[], from: number, to: number): TrendWeek {
  const week = incidents.filter((i) => !i.drill && i.startedAt >= from && i.startedAt < to);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byScenario: TrendWeek['byScenario'] = {};
  for (const i of week) {
    bySeverity[i.severity] += 1;
    const key = i.scenario ?? 'other';
    byScenario[key] = (byScenario[key] ?? 0) + 1;
  }
  return {
    from, to, total: week.length, bySeverity, byScenario,
    openedByHand: week.filter((i) => i.openedBy !== null).length,
    falsePositives: week.filter((i) => i.falsePositive).length,
    medianAckMinutes: median(week.flatMap((i) => (i.acknowledged ? [minutes(i.acknowledged.at - clocksFrom(i))] : []))),
    medianResolveMinutes: median(week.flatMap((i) => (i.resolved ? [minutes(i.resolved.at - i.startedAt)] : []))),
  };
}

export function weeklyTrend(incidents: readonly Incident[], now: number): IncidentTrend {
  return {
    thisWeek: trendWeek(incidents, now - TREND_WEEK_MS, now + 1),
    lastWeek: trendWeek(incidents, now - 2 * TREND_WEEK_MS, now - TREND_WEEK_MS),
  };
}

export interface TrendRow {
  label: string;
  thisWeek: string;
  lastWeek: string;
  /** "up 3", "down 1", "same", or "" where a change means nothing (no value in one of the weeks). */
  change: string;
}

function row(label: string, now: number | null, before: number | null, unit = ''): TrendRow {
  const show = (v: number | null) => (v === null ? '—' : `${v}${unit}`);
  let change = '';
  if (now !== null && before !== null) {
    const d = Math.round((now - before) * 10) / 10;
    change = d === 0 ? 'same' : d > 0 ? `up ${d}${unit}` : `down ${-d}${unit}`;
  }
  return { label, thisWeek: show(now), lastWeek: show(before), change };
}

/**
 * The trend as rows for the review: the totals, then each severity and
 * scenario seen in either week (in the playbook's order), then the
 * response times.
 */
export function trendRows(trend: IncidentTrend, playbook: Pick<Playbook, 'scenarios'>): TrendRow[] {
  const { thisWeek: a, lastWeek: b } = trend;
  const rows = [row('Incidents', a.total, b.total)];
  for (const s of SEVERITIES) if (a.bySeverity[s] + b.bySeverity[s] > 0) rows.push(row(s, a.bySeverity[s], b.bySeverity[s]));
  const scenarios = [...(Object.keys(playbook.scenarios) as ScenarioId[]), 'other' as const];
  for (const id of scenarios) {
    const x = a.byScenario[id] ?? 0;
    const y = b.byScenario[id] ?? 0;
    if (x + y > 0) rows.push(row(id === 'other' ? 'Other (opened by hand, no scenario)' : playbook.scenarios[id].title, x, y));
  }
  rows.push(row('Opened by hand (the rules did not see them)', a.openedByHand, b.openedByHand));
  rows.push(row('False positives (the rules were wrong)', a.falsePositives, b.falsePositives));
  rows.push(row('Median time to acknowledge', a.medianAckMinutes, b.medianAckMinutes, ' min'));
  rows.push(row('Median time to resolve', a.medianResolveMinutes, b.medianResolveMinutes, ' min'));
  return rows;
}
