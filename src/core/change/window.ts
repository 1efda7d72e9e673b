/**
 * When a change may run. The procedures prefer Sunday 02:00-06:00 UTC (low
 * trading volume) and say to avoid market opens and volatile periods and to
 * plan with the trading desk. Each of those is a weekly period on local wall
 * time in its own IANA zone (a market opens at 09:30 New York time whatever
 * the season), so a planned window is checked against every occurrence of
 * each period it could touch, the zones' DST rules included.
 *
 * Pure: instants are epoch ms, every zone is a parameter.
 */
import { z } from 'zod';
import { addDays, formatLocalDateTime, localDate, MINUTE_MS, parseTimeOfDay, weekdayOf, zonedToInstant, type LocalDate } from '../shift/zoned-time.js';

const HHMM = z.string().refine((t) => parseTimeOfDay(t) !== null, 'expected HH:MM');

/** A period that comes back every week: `weekdays` at `from` to `to`, local to `timeZone`; `to` at or before `from` ends the next day. */
export const WeeklyPeriod = z.object({
  label: z.string().min(1).max(200),
  /** 0 Sunday ... 6 Saturday: the days the period starts on. */
  weekdays: z.array(z.number().int().min(0).max(6)).min(1),
  from: HHMM,
  to: HHMM,
  timeZone: z.string().min(1),
});
export type WeeklyPeriod = z.infer<typeof WeeklyPeriod>;

export const ChangePolicy = z.object({
  preferred: z.array(WeeklyPeriod),
  avoid: z.array(WeeklyPeriod),
});
export type ChangePolicy = z.infer<typeof ChangePolicy>;

const SUNDAY = 0;
const WEEKDAYS = [1, 2, 3, 4, 5];

/** The procedures' windows; market opens as the team watches them (playbooks override). */
export const DEFAULT_CHANGE_POLICY: ChangePolicy = {
  preferred: [{ label: 'Sunday 02:00-06:00 UTC (low trading volume)', weekdays: [SUNDAY], from: '02:00', to: '06:00', timeZone: 'UTC' }],
  avoid: [
    { label: 'US equity market open', weekdays: WEEKDAYS, from: '09:30', to: '10:30', timeZone: 'America/New_York' },
    { label: 'US equity market close', weekdays: WEEKDAYS, from: '15:30', to: '16:15', timeZone: 'America/New_York' },
    { label: 'Tokyo market open', weekdays: WEEKDAYS, from: '09:00', to: '10:00', timeZone: 'Asia/Tokyo' },
    { label: 'London market open', weekdays: WEEKDAYS, from: '08:00', to: '09:00', timeZone: 'Europe/London' },
  ],
};

/** Longest window checked: a change planned for longer is not one change. */
export const MAX_CHANGE_WINDOW_MS = 7 * 24 * 60 * MINUTE_MS;

export interface Occurrence {
  label: string;
  start: number;
  end: number;
}

/** Every occurrence of `period` that overlaps [start, end). */
export function occurrences(period: WeeklyPeriod, start: number, end: number): Occurrence[] {
  const from = parseTimeOfDay(period.from)!;
  const to = parseTimeOfDay(period.to)!;
  const found: Occurrence[] = [];
  // From the day before (a period that crosses midnight) to the day after (zones ahead of UTC).
  const first = addDays(localDate(start, period.timeZone), -1);
  const last = addDays(localDate(end, period.timeZone), 1);
  for (let day: LocalDate = first; compare(day, last) <= 0; day = addDays(day, 1)) {
    if (!period.weekdays.includes(weekdayOf(day))) continue;
    const endDay = to <= from ? addDays(day, 1) : day;
    const occurrence = {
      label: period.label,
      start: zonedToInstant({ ...day, hour: Math.floor(from / 60), minute: from % 60 }, period.timeZone),
      end: zonedToInstant({ ...endDay, hour: Math.floor(to / 60), minute: to % 60 }, period.timeZone),
    };
    if (occurrence.start < end && occurrence.end > start) found.push(occurrence);
  }
  return found;
}

const compare = (a: LocalDate, b: LocalDate) => a.year - b.year || a.month - b.month || a.day - b.day;

/** The first occurrence of any preferred period that starts at or after `at`, within four weeks. */
export function nextPreferredStart(policy: ChangePolicy, at: number): Occurrence | null {
  const starts = policy.preferred.flatMap((p) => occurrences(p, at, at + 4 * MAX_CHANGE_WINDOW_MS)).filter((o) => o.start >= at);
  return starts.sort((a, b) => a.start - b.start)[0] ?? null;
}

export type WindowWarning =
  | { kind: 'outside_preferred'; text: string; nextPreferred: Occurrence | null }
  | { kind: 'avoided_period'; text: string; period: Occurrence };

export type WindowCheck =
  | { ok: true; inPreferred: boolean; warnings: WindowWarning[] }
  | { ok: false; error: string };

/**
 * Checks a planned window [start, end) against the policy. An emergency
 * change is not held to the preferred window (it runs when it must), but
 * still hears which avoided periods it overlaps. Times in the warnings are
 * in `displayZone`, the engineer's.
 */
export function checkChangeWindow(
  window: { start: number; end: number },
  policy: ChangePolicy,
  { emergency = false, displayZone }: { emergency?: boolean; displayZone: string },
): WindowCheck {
  const { start, end } = window;
  if (!(end > start)) return { ok: false, error: 'the window must end after it starts' };
  if (end - start > MAX_CHANGE_WINDOW_MS) return { ok: false, error: 'a change window is at most 7 days' };

  const at = (t: number) => `${formatLocalDateTime(t, displayZone)} ${displayZone}`;
  const inPreferred = policy.preferred.some((p) => occurrences(p, start, end).some((o) => o.start <= start && o.end >= end));
  const warnings: WindowWarning[] = [];
  if (!inPreferred && !emergency && policy.preferred.length > 0) {
    const next = nextPreferredStart(policy, start);
    const names = policy.preferred.map((p) => p.label).join('; ');
    warnings.push({
      kind: 'outside_preferred',
      text: `Outside the preferred change window (${names})${next ? `; the next one starts ${at(next.start)}` : ''}.`,
      nextPreferred: next,
    });
  }
  for (const period of policy.avoid) {
    for (const o of occurrences(period, start, end)) {
      warnings.push({ kind: 'avoided_period', text: `Overlaps ${o.label} (${at(o.start)} to ${at(o.end)}): coordinate with the trading desk.`, period: o });
    }
  }
  // The preferred-window warning first, then the avoided periods in time order.
  const rank = (w: WindowWarning) => (w.kind === 'outside_preferred' ? -Infinity : w.period.start);
  warnings.sort((a, b) => rank(a) - rank(b));
  return { ok: true, inPreferred, warnings };
}
