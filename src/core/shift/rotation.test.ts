import { describe, expect, it } from 'vitest';
import { defaultRotation, handoffReminderDue, nextHandoff, nextShiftDeadline, previousHandoff, shiftAt, HANDOFF_REMINDER_LEAD_MS } from './rotation.js';
import { localDateKey, zonedToInstant, formatLocalDateTime, offsetAt } from './zoned-time.js';

const HOUR = 3_600_000;
const london = defaultRotation('Europe/London');
const newYork = defaultRotation('America/New_York');

describe('zoned time', () => {
  it('maps wall time to instants with the zone offset of the day', () => {
    expect(zonedToInstant({ year: 2026, month: 11, day: 27, hour: 17 }, 'Europe/London')).toBe(Date.UTC(2026, 10, 27, 17));
    expect(zonedToInstant({ year: 2026, month: 7, day: 3, hour: 17 }, 'Europe/London')).toBe(Date.UTC(2026, 6, 3, 16));
    expect(zonedToInstant({ year: 2026, month: 11, day: 27, hour: 17 }, 'Asia/Tokyo')).toBe(Date.UTC(2026, 10, 27, 8));
    expect(offsetAt(Date.UTC(2026, 6, 3), 'America/New_York')).toBe(-4 * HOUR);
  });

  it('moves a skipped wall time forward and takes the first of a repeated one', () => {
    // 2026-03-29 01:30 does not exist in London (clocks go 01:00 → 02:00).
    expect(zonedToInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 2026-10-25 01:30 happens twice in London; the first is BST (00:30 UTC).
    expect(zonedToInstant({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, 'Europe/London')).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('rejects a zone Intl does not know', () => {
    expect(() => previousHandoff(defaultRotation('Mars/Olympus'), 0)).toThrow(RangeError);
  });
});

describe('the shift window', () => {
  it('runs Friday 17:00 to Friday 17:00 local', () => {
    // Tuesday 2026-11-24 08:00 UTC.
    const shift = shiftAt(london, 'primary', Date.UTC(2026, 10, 24, 8));
    expect(formatLocalDateTime(shift.startsAt, 'Europe/London')).toBe('2026-11-20 17:00');
    expect(formatLocalDateTime(shift.endsAt, 'Europe/London')).toBe('2026-11-27 17:00');
    expect(shift.role).toBe('primary');
    expect(shift.handoffReminderAt).toBe(shift.endsAt - HANDOFF_REMINDER_LEAD_MS);
  });

  it('starts a new shift exactly at the handoff, and not a millisecond before', () => {
    const handoff = Date.UTC(2026, 10, 27, 17);
    expect(previousHandoff(london, handoff)).toBe(handoff);
    expect(previousHandoff(london, handoff - 1)).toBe(handoff - 7 * 24 * HOUR);
    expect(nextHandoff(london, handoff)).toBe(handoff + 7 * 24 * HOUR);
  });

  it('keeps the handoff at 17:00 local across the autumn change: a 169-hour shift', () => {
    // London leaves BST on Sunday 2026-10-25.
    const shift = shiftAt(london, 'secondary', Date.UTC(2026, 9, 26, 12));
    expect(formatLocalDateTime(shift.startsAt, 'Europe/London')).toBe('2026-10-23 17:00');
    expect(formatLocalDateTime(shift.endsAt, 'Europe/London')).toBe('2026-10-30 17:00');
    expect(shift.endsAt - shift.startsAt).toBe(169 * HOUR);
  });

  it('and across the spring change in New York: a 167-hour shift', () => {
    // New York starts DST on Sunday 2026-03-08.
    const shift = shiftAt(newYork, 'primary', Date.UTC(2026, 2, 9, 15));
    expect(formatLocalDateTime(shift.startsAt, 'America/New_York')).toBe('2026-03-06 17:00');
    expect(shift.endsAt - shift.startsAt).toBe(167 * HOUR);
  });

  it('takes the handoff weekday and time from settings', () => {
    const monday = { handoffWeekday: 1, handoffTime: '09:30', timeZone: 'Asia/Singapore' };
    const shift = shiftAt(monday, 'primary', Date.UTC(2026, 10, 24, 8));
    expect(formatLocalDateTime(shift.startsAt, 'Asia/Singapore')).toBe('2026-11-23 09:30');
    expect(localDateKey(shift.endsAt, 'Asia/Singapore')).toBe('2026-11-30');
  });
});

describe('the handoff reminder', () => {
  const shift = shiftAt(london, 'primary', Date.UTC(2026, 10, 24, 8));
  it('is due from 30 minutes before the end until the end', () => {
    expect(handoffReminderDue(shift, shift.endsAt - 30 * 60_000 - 1)).toBe(false);
    expect(handoffReminderDue(shift, shift.endsAt - 30 * 60_000)).toBe(true);
    expect(handoffReminderDue(shift, shift.endsAt - 1)).toBe(true);
    expect(handoffReminderDue(shift, shift.endsAt)).toBe(false);
  });

  it('gives the scheduler its next deadline', () => {
    expect(nextShiftDeadline(shift, shift.startsAt)).toBe(shift.handoffReminderAt);
    expect(nextShiftDeadline(shift, shift.handoffReminderAt)).toBe(shift.endsAt);
  });
});
