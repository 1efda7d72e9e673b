/**
 * Local wall time in an explicit IANA time zone, with Intl only: instants
 * are epoch milliseconds, the zone is always a parameter, and nothing here
 * reads the machine's zone or clock.
 *
 * Wall times that do not exist (the hour skipped when clocks go forward)
 * resolve forward by the length of the gap, and wall times that happen twice
 * (the hour repeated when clocks go back) resolve to the first: the
 * "compatible" disambiguation of Temporal, which is also what cron and
 * calendar apps do.
 */

export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** 0-23 */
  hour: number;
  minute: number;
  second: number;
  /** 0 Sunday ... 6 Saturday, as Date#getUTCDay. */
  weekday: number;
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError for a zone Intl does not know, before anything is computed with it. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

export function localParts(at: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts.year!;
  const month = parts.month!;
  const day = parts.day!;
  return {
    year,
    month,
    day,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** Local time minus UTC at `at`, ms (e.g. +3_600_000 for CET). */
export function offsetAt(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant a wall time in `timeZone` names (see the module comment for gaps and overlaps). */
export function zonedToInstant(
  local: { year: number; month: number; day: number; hour?: number; minute?: number },
  timeZone: string,
): number {
  const { year, month, day, hour = 0, minute = 0 } = local;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Zone offsets change at most a few hours around a transition; the offsets
  // a day either side bracket every candidate.
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((t) => {
      const p = localParts(t, timeZone);
      return p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute;
    })
    .sort((a, b) => a - b);
  return candidates[0] ?? asUtc - before;
}

export function localDate(at: number, timeZone: string): LocalDate {
  const { year, month, day } = localParts(at, timeZone);
  return { year, month, day };
}

/** The local calendar date as YYYY-MM-DD: the key daily checklists reset on. */
export function localDateKey(at: number, timeZone: string): string {
  return dateKey(localDate(at, timeZone));
}

export function dateKey({ year, month, day }: LocalDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Calendar arithmetic on dates (no zone involved: a day is a calendar day). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** "08:02" in `timeZone`. */
export function formatLocalTime(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** "2026-11-24 08:02" in `timeZone`. */
export function formatLocalDateTime(at: number, timeZone: string): string {
  return `${localDateKey(at, timeZone)} ${formatLocalTime(at, timeZone)}`;
}

/** Parses "HH:MM" (24-hour) into minutes after midnight; null when malformed. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export { MINUTE_MS, DAY_MS };
