/**
 * Whether starting or restarting the trading service on a prod host needs
 * someone's approval. The procedures: without approval only for a SEV1
 * outage off-hours; otherwise get approval. A SEV1 outage is an open SEV1
 * of the "system crashed / not responding" scenario (a SEV1 for the loss
 * limit or a killswitch press is not one: restarting then could resume the
 * trading that was stopped on purpose). Off-hours is outside the playbook's
 * working hours, or a day that is not a business day, in the engineer's zone.
 *
 * Whatever the answer, the guard also says which of the playbook's market
 * opens and volatile periods the restart falls in: a restart at the US open
 * is one to coordinate with the desk.
 *
 * Pure: incidents, playbook, zone and time are parameters.
 */
import { occurrences } from '../change/window.js';
import { isOpen, type Incident } from '../incidents/model.js';
import type { Playbook } from '../playbook/schema.js';
import { formatLocalTime, localDate, localParts, parseTimeOfDay } from '../shift/zoned-time.js';
import { isBusinessDay } from '../time/business-days.js';

export type RestartRule =
  | { approvalNeeded: false; why: string; incidentId: string; duringAvoided: string[] }
  | { approvalNeeded: true; why: string; duringAvoided: string[] };

/** True outside working hours, or on a day that is not a business day, in `timeZone`. */
export function isOffHours(playbook: Playbook, at: number, timeZone: string): boolean {
  const calendar = { ...playbook.businessDays, timeZone };
  if (!isBusinessDay(localDate(at, timeZone), calendar)) return true;
  const parts = localParts(at, timeZone);
  const minute = parts.hour * 60 + parts.minute;
  return minute < parseTimeOfDay(playbook.businessDays.hours.from)! || minute >= parseTimeOfDay(playbook.businessDays.hours.to)!;
}

/** Open SEV1 outages, oldest first. */
export const sev1Outages = (incidents: readonly Incident[]): Incident[] =>
  incidents.filter((i) => isOpen(i) && i.severity === 'SEV1' && i.scenario === 'system_down').sort((a, b) => a.startedAt - b.startedAt);

export function restartRule(incidents: readonly Incident[], playbook: Playbook, now: number, timeZone: string): RestartRule {
  const duringAvoided = playbook.changeWindows.avoid.flatMap((p) =>
    occurrences(p, now, now + 1).map((o) => `${o.label} (${formatLocalTime(o.start, timeZone)}-${formatLocalTime(o.end, timeZone)} ${timeZone})`),
  );
  const outage = sev1Outages(incidents)[0];
  const offHours = isOffHours(playbook, now, timeZone);
  const hours = `${playbook.businessDays.hours.from}-${playbook.businessDays.hours.to} on business days, ${timeZone}`;
  if (outage && offHours) {
    return { approvalNeeded: false, incidentId: outage.id, why: `No approval needed: ${outage.id} is a SEV1 outage and it is off-hours (working hours ${hours}).`, duringAvoided };
  }
  const why = outage
    ? `Approval needed: ${outage.id} is a SEV1 outage, but it is working hours (${hours}).`
    : 'Approval needed: a restart without approval is only for a SEV1 outage off-hours, and no SEV1 outage is open.';
  return { approvalNeeded: true, why, duringAvoided };
}
