/**
 * The on-call rotation: one-week shifts handed over on a fixed local
 * weekday and time (the team's default: Friday 17:00 local), a primary and a
 * secondary on call at all times. PagerDuty stays the schedule's source of
 * truth; the cockpit only needs the window of the shift the engineer is on,
 * and when to remind them to prepare the handoff.
 *
 * A week is seven local calendar days, not 168 hours: across a DST change
 * the shift is 167 or 169 hours long and the handoff stays at 17:00 local.
 */
import { z } from 'zod';
import { addDays, assertTimeZone, localDate, MINUTE_MS, parseTimeOfDay, weekdayOf, zonedToInstant } from './zoned-time.js';

export const OnCallRole = z.enum(['primary', 'secondary']);
export type OnCallRole = z.infer<typeof OnCallRole>;

export const Rotation = z.object({
  /** 0 Sunday ... 6 Saturday. */
  handoffWeekday: z.number().int().min(0).max(6),
  /** Local "HH:MM", 24-hour. */
  handoffTime: z.string().refine((t) => parseTimeOfDay(t) !== null, 'expected HH:MM'),
  /** IANA zone the handoff time is in, e.g. "Europe/London". */
  timeZone: z.string().min(1),
});
export type Rotation = z.infer<typeof Rotation>;

const FRIDAY = 5;

export const defaultRotation = (timeZone: string): Rotation => ({ handoffWeekday: FRIDAY, handoffTime: '17:00', timeZone });

/** The handoff is prepared 30 minutes before the shift ends (team procedure). */
export const HANDOFF_REMINDER_LEAD_MS = 30 * MINUTE_MS;

export interface Shift {
  role: OnCallRole;
  /** Epoch ms of the handoff that began the shift. */
  startsAt: number;
  /** Epoch ms of the handoff that ends it. */
  endsAt: number;
  /** Epoch ms when the handoff reminder becomes due. */
  handoffReminderAt: number;
}

function handoffOn(rotation: Rotation, date: { year: number; month: number; day: number }): number {
  const minutes = parseTimeOfDay(rotation.handoffTime);
  if (minutes === null) throw new RangeError(`handoff time "${rotation.handoffTime}" is not HH:MM`);
  return zonedToInstant({ ...date, hour: Math.floor(minutes / 60), minute: minutes % 60 }, rotation.timeZone);
}

/** The last handoff at or before `at`. */
export function previousHandoff(rotation: Rotation, at: number): number {
  assertTimeZone(rotation.timeZone);
  const today = localDate(at, rotation.timeZone);
  const back = (weekdayOf(today) - rotation.handoffWeekday + 7) % 7;
  const candidateDate = addDays(today, -back);
  const candidate = handoffOn(rotation, candidateDate);
  return candidate <= at ? candidate : handoffOn(rotation, addDays(candidateDate, -7));
}

/** The first handoff after `at`. */
export function nextHandoff(rotation: Rotation, at: number): number {
  const start = previousHandoff(rotation, at);
  return handoffOn(rotation, addDays(localDate(start, rotation.timeZone), 7));
}

/** The shift that contains `at`, for an engineer on call in `role`. */
export function shiftAt(rotation: Rotation, role: OnCallRole, at: number): Shift {
  const startsAt = previousHandoff(rotation, at);
  const endsAt = nextHandoff(rotation, at);
  return { role, startsAt, endsAt, handoffReminderAt: endsAt - HANDOFF_REMINDER_LEAD_MS };
}

/** True from 30 minutes before the shift ends until it ends. */
export function handoffReminderDue(shift: Shift, at: number): boolean {
  return at >= shift.handoffReminderAt && at < shift.endsAt;
}

/**
 * The next instant something about the shift changes on its own (the
 * reminder falls due, or the shift ends): the one timer a scheduler sets.
 */
export function nextShiftDeadline(shift: Shift, at: number): number {
  return at < shift.handoffReminderAt ? shift.handoffReminderAt : shift.endsAt;
}
