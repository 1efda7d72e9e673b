import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  isBusinessDay,
  nextBusinessDay,
  nextBusinessDayDeadline,
  type BusinessCalendar,
} from './business-days.js';

const weekdays: BusinessCalendar = { timeZone: 'UTC', workdays: [1, 2, 3, 4, 5], dueTime: '17:00', holidays: [] };
const at = (iso: string) => Date.parse(iso);

describe('business days', () => {
  it('knows weekends and holidays are not business days', () => {
    // 2026-11-27 is a Friday.
    expect(isBusinessDay({ year: 2026, month: 11, day: 27 }, weekdays)).toBe(true);
    expect(isBusinessDay({ year: 2026, month: 11, day: 28 }, weekdays)).toBe(false);
    expect(isBusinessDay({ year: 2026, month: 11, day: 29 }, weekdays)).toBe(false);
    expect(isBusinessDay({ year: 2026, month: 12, day: 25 }, { ...weekdays, holidays: ['2026-12-25'] })).toBe(false);
  });

  it('skips the weekend from Friday to Monday', () => {
    expect(nextBusinessDay({ year: 2026, month: 11, day: 27 }, weekdays)).toEqual({ year: 2026, month: 11, day: 30 });
    expect(nextBusinessDay({ year: 2026, month: 11, day: 28 }, weekdays)).toEqual({ year: 2026, month: 11, day: 30 });
    expect(nextBusinessDay({ year: 2026, month: 11, day: 24 }, weekdays)).toEqual({ year: 2026, month: 11, day: 25 });
  });

  it('adds business days across a weekend and a holiday', () => {
    const cal = { ...weekdays, holidays: ['2026-12-25'] };
    // Thu 24 Dec + 1 skips Fri 25 (holiday), Sat, Sun -> Mon 28.
    expect(addBusinessDays({ year: 2026, month: 12, day: 24 }, 1, cal)).toEqual({ year: 2026, month: 12, day: 28 });
    expect(addBusinessDays({ year: 2026, month: 12, day: 24 }, 3, cal)).toEqual({ year: 2026, month: 12, day: 30 });
    expect(addBusinessDays({ year: 2026, month: 12, day: 24 }, 0, cal)).toEqual({ year: 2026, month: 12, day: 24 });
  });

  it('puts a Friday afternoon SEV4 deadline on Monday at the due time', () => {
    expect(nextBusinessDayDeadline(at('2026-11-27T16:59:00Z'), weekdays)).toBe(at('2026-11-30T17:00:00Z'));
    expect(nextBusinessDayDeadline(at('2026-11-28T03:00:00Z'), weekdays)).toBe(at('2026-11-30T17:00:00Z'));
    expect(nextBusinessDayDeadline(at('2026-11-30T00:00:00Z'), weekdays)).toBe(at('2026-12-01T17:00:00Z'));
  });

  it('reads the local date and due time in the calendar zone', () => {
    const ny: BusinessCalendar = { ...weekdays, timeZone: 'America/New_York', dueTime: '09:30' };
    // Sat 2026-11-28 02:00 UTC is still Friday 21:00 in New York: next is Monday 09:30 EST (UTC-5).
    expect(nextBusinessDayDeadline(at('2026-11-28T02:00:00Z'), ny)).toBe(at('2026-11-30T14:30:00Z'));
    const tokyo: BusinessCalendar = { ...weekdays, timeZone: 'Asia/Tokyo' };
    // The same instant is Saturday 11:00 in Tokyo: Monday 17:00 JST (UTC+9).
    expect(nextBusinessDayDeadline(at('2026-11-28T02:00:00Z'), tokyo)).toBe(at('2026-11-30T08:00:00Z'));
  });

  it('keeps the local due time across a daylight-saving change', () => {
    const london: BusinessCalendar = { ...weekdays, timeZone: 'Europe/London' };
    // Clocks go back on Sun 2026-10-25: Friday BST, Monday GMT.
    expect(nextBusinessDayDeadline(at('2026-10-23T12:00:00Z'), london)).toBe(at('2026-10-26T17:00:00Z'));
  });

  it('refuses a calendar without working days instead of looping', () => {
    expect(() => nextBusinessDay({ year: 2026, month: 1, day: 1 }, { ...weekdays, workdays: [] })).toThrow(RangeError);
  });
});
