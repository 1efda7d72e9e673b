/**
 * After a major incident, a debrief: every SEV1 (an incident that was SEV1
 * at any time, a drill's excepted) gets a "hold the debrief" item when it is
 * resolved, due by the playbook's due time on the next business day after
 * the resolve. It stays listed until held, and a day after.
 *
 * Pure: the incidents, the calendar, the marks and the time are parameters.
 */
import type { Incident } from '../incidents/model.js';
import { nextBusinessDayDeadline, type BusinessCalendar } from '../time/business-days.js';
import { DAY_MS } from './zoned-time.js';

export interface DebriefItem {
  incidentId: string;
  title: string;
  resolvedAt: number;
  dueAt: number;
  heldAt: number | null;
  overdue: boolean;
}

/** A held debrief stays in the list this long, so the shift sees it was done. */
export const HELD_DEBRIEF_SHOWN_MS = DAY_MS;

/** When the incident was (last) resolved; null while open. */
export function resolvedAt(incident: Incident): number | null {
  if (incident.phase !== 'resolved') return null;
  for (let i = incident.timeline.length - 1; i >= 0; i--) if (incident.timeline[i]!.kind === 'resolved') return incident.timeline[i]!.at;
  return null;
}

export const needsDebrief = (incident: Incident): boolean => incident.drill !== true && incident.severityHistory.some((p) => p.severity === 'SEV1');

export function debriefItems(incidents: readonly Incident[], calendar: BusinessCalendar, held: Readonly<Record<string, number>>, now: number): DebriefItem[] {
  const items: DebriefItem[] = [];
  for (const incident of incidents) {
    const at = resolvedAt(incident);
    if (at === null || at > now || !needsDebrief(incident)) continue;
    const heldAt = held[incident.id] ?? null;
    if (heldAt !== null && now - heldAt >= HELD_DEBRIEF_SHOWN_MS) continue;
    const dueAt = nextBusinessDayDeadline(at, calendar);
    items.push({ incidentId: incident.id, title: incident.title, resolvedAt: at, dueAt, heldAt, overdue: heldAt === null && now >= dueAt });
  }
  return items.sort((a, b) => a.dueAt - b.dueAt);
}
