/**
 * Breaks during a long incident. The procedures: tell the team, have the
 * secondary cover, set an alarm to come back. The cockpit offers a break
 * once an incident the engineer is on (acknowledged or engaged by them)
 * has been open over 2 hours, names who covers, and judges the alarm.
 *
 * Pure: the incidents, the break and the time are parameters.
 */
import { z } from 'zod';
import { isOpen, type Incident } from '../incidents/model.js';
import { MINUTE_MS } from './zoned-time.js';

/** An incident open this long with the engineer on it earns the offer of a break. */
export const BREAK_OFFER_AFTER_MS = 120 * MINUTE_MS;
/** The break offered, minutes; the engineer may choose another length. */
export const DEFAULT_BREAK_MINUTES = 15;

export const ShiftBreak = z.object({
  startedAt: z.number(),
  /** When the alarm to come back goes off. */
  backAt: z.number(),
  coveredBy: z.string().min(1).max(200),
  incidentId: z.string().nullable(),
});
export type ShiftBreak = z.infer<typeof ShiftBreak>;

const isOn = (incident: Incident, engineer: string) => incident.engaged?.by === engineer || incident.acknowledged?.by === engineer;

/** The incident that earns the offer: the longest open of those the engineer is on, past 2 h; null when none. */
export function breakOffer(incidents: readonly Incident[], engineer: string, now: number): Incident | null {
  const long = incidents.filter((i) => isOpen(i) && i.drill !== true && isOn(i, engineer) && now - i.startedAt >= BREAK_OFFER_AFTER_MS);
  return long.sort((a, b) => a.startedAt - b.startedAt)[0] ?? null;
}

/** Whether the break is still running, or its alarm has gone off (time to come back). */
export function breakState(brk: ShiftBreak | null, now: number): 'none' | 'on_break' | 'back_now' {
  if (brk === null) return 'none';
  return now < brk.backAt ? 'on_break' : 'back_now';
}
