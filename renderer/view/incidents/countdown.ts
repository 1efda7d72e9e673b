/**
 * How a response clock reads on screen: the time left to the second, the
 * urgency it is coloured by, and that urgency in words (colour is never the
 * only signal). Pure functions of the deadline and the renderer's wall clock.
 */
import { nextDeadlines, type Deadline } from '../../../src/core/incidents/clocks.js';
import { triageDeadlines } from '../../../src/core/incidents/triage.js';
import type { DueKind, Incident } from '../../../src/core/incidents/model.js';

export type Urgency = 'calm' | 'warning' | 'urgent' | 'due' | 'breached';

/** Share of the clock's span left above which it is calm, and below which it is urgent (the team's choice). */
export const CALM_ABOVE_SHARE = 0.5;
export const URGENT_BELOW_SHARE = 0.2;

export function urgencyOf(d: Pick<Deadline, 'breached' | 'shareLeft' | 'msLeft'>): Urgency {
  if (d.breached) return 'breached';
  // A clock due at once, within its grace (core clocks.ts): due now, not yet overdue.
  if (d.msLeft <= 0) return 'due';
  if (d.shareLeft > CALM_ABOVE_SHARE) return 'calm';
  return d.shareLeft >= URGENT_BELOW_SHARE ? 'warning' : 'urgent';
}

export const URGENCY_WORDS: Record<Urgency, string> = {
  calm: 'on time',
  warning: 'due soon',
  urgent: 'almost due',
  // The clock reads "due now"; the word says it is the moment to act, not late yet.
  due: 'act now',
  // The clock itself reads "BREACHED +02:14"; the word beside it says what that means.
  breached: 'OVERDUE',
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "04:59", "1:02:03", "3 d 04:00:00" for time left; whole seconds, rounded
 * up while time is left so a clock reads 00:00 only when it is due.
 */
export function formatClock(ms: number): string {
  const total = Math.max(0, ms);
  const seconds = Math.ceil(total / 1000);
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return `${d} d ${pad(h)}:${pad(m)}:${pad(s)}`;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/**
 * "04:59" while time is left, "due now" for a clock due at once within its
 * grace, "BREACHED +02:14" once the clock has passed (time over since it was
 * due, whole seconds down).
 */
export function countdownText(d: Pick<Deadline, 'msLeft' | 'breached'>): string {
  if (d.msLeft > 0) return formatClock(d.msLeft);
  if (!d.breached) return 'due now';
  return `BREACHED +${formatClock(Math.floor(-d.msLeft / 1000) * 1000)}`;
}

/**
 * The clock in a queue row, where room is short: a breached clock is its
 * time over, "+01:15", drawn white on red (the row says "overdue by" to a
 * screen reader), so the time over is never the part cut off.
 */
export function queueCountdownText(d: Pick<Deadline, 'msLeft' | 'breached'>): string {
  if (d.breached && d.msLeft <= 0) return `+${formatClock(Math.floor(-d.msLeft / 1000) * 1000)}`;
  return countdownText(d);
}

/** Short names of the clocks, for the title bar and the urgent strip. */
export const SHORT_KIND: Record<DueKind, string> = {
  ack: 'ACK',
  engage: 'ENGAGE',
  status_update: 'UPDATE',
  escalate_l2: 'ESC L2',
  escalate_l3: 'ESC L3',
  notify_desk: 'DESK',
  notify_management: 'MGMT',
  secondary_takeover: 'TAKEOVER',
  not_understood: 'ESC ?',
  notify_security: 'SECURITY',
  notify_compliance: 'COMPLIANCE',
  prepare_kill: 'KILL READY',
};

/** The pending clocks of one incident at `now`, soonest first (none when it is resolved). */
export const incidentDeadlines = (incident: Incident, now: number): Deadline[] =>
  nextDeadlines({ incidents: [incident], nextNumber: 1 }, now);

/** Every pending clock of every open incident in triage order: by incident (severity, soonest clock, age), then soonest first. */
export const allDeadlines = (incidents: readonly Incident[], now: number): Deadline[] => triageDeadlines({ incidents: [...incidents] }, now);

export const APP_TITLE = 'On-call cockpit';

/** "(2) ⚠ ACK 03:12 INC-3 — On-call cockpit": open incidents, then the first clock in triage order. */
export function pageTitle(incidents: readonly Incident[], now: number): string {
  const open = incidents.filter((i) => i.phase !== 'resolved').length;
  if (open === 0) return APP_TITLE;
  const first = allDeadlines(incidents, now)[0];
  if (!first) return `(${open}) ${APP_TITLE}`;
  const drill = incidents.find((i) => i.id === first.incidentId)?.drill ? 'DRILL ' : '';
  return `(${open}) ⚠ ${drill}${SHORT_KIND[first.kind]} ${countdownText(first)} ${first.incidentId} — ${APP_TITLE}`;
}
