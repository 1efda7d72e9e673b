/**
 * Business-day arithmetic for the "next business day" response times of
 * SEV4 incidents. A business day is a local calendar day in an explicit IANA
 * zone that is one of the working weekdays and not a listed holiday. The
 * zone is always a parameter: nothing here reads the machine's zone or clock.
 *
 * "Next business day" means: by `dueTime` local on the first business day
 * after the local date on which the incident was raised. Raised on a Friday
 * (or over the weekend) it is due Monday at `dueTime`; raised on a Monday it
 * is due Tuesday. Holidays are skipped like weekends.
 */
import {
  addDays,
  dateKey,
  localDate,
  parseTimeOfDay,
  weekdayOf,
  zonedToInstant,
  type LocalDate,
} from '../shift/zoned-time.js';

export interface BusinessCalendar {
  /** IANA zone the working day is defined in, e.g. "Europe/London". */
  timeZone: string;
  /** Working weekdays, 0 Sunday ... 6 Saturday. */
  workdays: readonly number[];
  /** Local "HH:MM" by which a next-business-day item is due. */
  dueTime: string;
  /** Local dates "YYYY-MM-DD" that are not working days. */
  holidays: readonly string[];
}

/**
 * A calendar with at least one workday has a business day within any 7
 * consecutive days plus the holidays in a row; a year bounds every loop even
 * for a calendar whose holidays cover whole weeks.
 */
const MAX_DAYS_SEARCHED = 366;

export function isBusinessDay(date: LocalDate, calendar: BusinessCalendar): boolean {
  return calendar.workdays.includes(weekdayOf(date)) && !calendar.holidays.includes(dateKey(date));
}

/** The first business day strictly after `date`; throws when none falls within a year. */
export function nextBusinessDay(date: LocalDate, calendar: BusinessCalendar): LocalDate {
  let day = date;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    day = addDays(day, 1);
    if (isBusinessDay(day, calendar)) return day;
  }
  throw new RangeError(`no business day within ${MAX_DAYS_SEARCHED} days after ${dateKey(date)}`);
}

/** `count` business days after `date` (count 0 is `date` itself, business day or not). */
export function addBusinessDays(date: LocalDate, count: number, calendar: BusinessCalendar): LocalDate {
  let day = date;
  for (let i = 0; i < count; i++) day = nextBusinessDay(day, calendar);
  return day;
}

/** Epoch ms of `dueTime` local on the first business day after the local date of `from`. */
export function nextBusinessDayDeadline(from: number, calendar: BusinessCalendar): number {
  const minutes = parseTimeOfDay(calendar.dueTime);
  if (minutes === null) throw new RangeError(`dueTime must be HH:MM, got "${calendar.dueTime}"`);
  const day = nextBusinessDay(localDate(from, calendar.timeZone), calendar);
  return zonedToInstant({ ...day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, calendar.timeZone);
}
