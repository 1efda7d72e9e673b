import { describe, expect, it } from 'vitest';
import { defaultRotation } from './rotation.js';
import { checklistViews, DEFAULT_ROUTINES, nextResetAt, periodKey, pruneTicks, tickItem, type ChecklistTicks } from './routines.js';
import { formatLocalDateTime } from './zoned-time.js';

const TZ = 'America/New_York';
const rotation = defaultRotation(TZ);
const morning = DEFAULT_ROUTINES.find((c) => c.id === 'morning-review')!;
const weekly = DEFAULT_ROUTINES.find((c) => c.id === 'weekly')!;
// Tuesday 2026-11-24 09:00 in New York (UTC-5).
const TUE_0900 = Date.UTC(2026, 10, 24, 14);
const HOUR = 3_600_000;

describe('daily and weekly checklists', () => {
  it('key daily lists by the local date, weekly ones by the shift start', () => {
    expect(periodKey(morning, rotation, TUE_0900)).toBe('morning-review@2026-11-24');
    // 23:30 local on Tuesday is already Wednesday in UTC: still Tuesday's list.
    expect(periodKey(morning, rotation, TUE_0900 + 14.5 * HOUR)).toBe('morning-review@2026-11-24');
    expect(periodKey(weekly, rotation, TUE_0900)).toBe('weekly@2026-11-20');
  });

  it('reset at local midnight and at the handoff', () => {
    let ticks: ChecklistTicks = {};
    ticks = tickItem(ticks, morning, 'overnight-alerts', true, rotation, TUE_0900);
    ticks = tickItem(ticks, weekly, 'docs', true, rotation, TUE_0900);
    ticks = tickItem(ticks, morning, 'no-such-item', true, rotation, TUE_0900);
    const tuesday = checklistViews(DEFAULT_ROUTINES, ticks, rotation, TUE_0900 + HOUR);
    expect(tuesday[0]).toMatchObject({ done: 1, total: 4 });
    expect(tuesday[0]!.items[0]!.doneAt).toBe(TUE_0900);
    expect(formatLocalDateTime(tuesday[0]!.resetsAt, TZ)).toBe('2026-11-25 00:00');
    expect(formatLocalDateTime(tuesday[3]!.resetsAt, TZ)).toBe('2026-11-27 17:00');

    const wednesday = checklistViews(DEFAULT_ROUTINES, ticks, rotation, TUE_0900 + 15 * HOUR);
    expect(wednesday[0]!.done).toBe(0);
    expect(wednesday[3]!.done).toBe(1);

    const nextShift = checklistViews(DEFAULT_ROUTINES, ticks, rotation, Date.UTC(2026, 10, 27, 22));
    expect(nextShift[3]!.done).toBe(0);
    expect(nextShift[3]!.periodKey).toBe('weekly@2026-11-27');
  });

  it('unticks, and reaches the next midnight across a DST change', () => {
    let ticks = tickItem({}, morning, 'exchanges', true, rotation, TUE_0900);
    ticks = tickItem(ticks, morning, 'exchanges', false, rotation, TUE_0900 + 1);
    expect(checklistViews([morning], ticks, rotation, TUE_0900)[0]!.done).toBe(0);
    // Saturday 2026-10-31 12:00 EDT; New York falls back on Sunday 2026-11-01.
    const saturdayNoon = Date.UTC(2026, 9, 31, 16);
    const sundayMidnight = nextResetAt('daily', rotation, saturdayNoon);
    expect(sundayMidnight - saturdayNoon).toBe(12 * HOUR);
    const mondayMidnight = nextResetAt('daily', rotation, sundayMidnight);
    expect(mondayMidnight - sundayMidnight).toBe(25 * HOUR);
  });

  it('prunes old periods only', () => {
    let ticks: ChecklistTicks = {};
    ticks = tickItem(ticks, morning, 'exchanges', true, rotation, TUE_0900 - 10 * 24 * HOUR);
    ticks = tickItem(ticks, morning, 'exchanges', true, rotation, TUE_0900);
    expect(Object.keys(pruneTicks(ticks, rotation, TUE_0900, 7))).toEqual(['morning-review@2026-11-24']);
  });
});
