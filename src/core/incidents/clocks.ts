/**
 * The response clocks of an incident, all from the playbook.
 *
 * When a clock starts. A severity's times count from the moment the
 * incident became at least that severe without a break: a SEV3 raised to
 * SEV1 after 30 minutes must be acknowledged 5 minutes after the raise, not
 * 25 minutes ago; a SEV1 lowered to SEV3 keeps counting its hour from the
 * start. The Level 3 timer counts from when the incident became a major
 * outage (a severity in `escalation.level3Severities`).
 *
 * - ack, engage: until done; SEV4's "next business day" is the calendar's due
 *   time on the first working day after the start (time/business-days.ts).
 * - status_update: while open, every `statusUpdateMinutes` from the later of
 *   the clock start and the last update logged; none when the cadence is null.
 * - escalate_l2: any incident still open `level2AfterMinutes` after it started.
 * - escalate_l3: a major outage open `level3AfterMinutes`.
 * - notify_desk, notify_management: the severity's notification times (SEV1).
 * - secondary_takeover: the secondary takes over when nobody acknowledged
 *   within `secondaryTakeoverMinutes`, or within the ack time if that is
 *   longer (a SEV3's hour is the primary's to use). Not for next-business-day
 *   severities; gone once someone acknowledges.
 */
import { nextBusinessDayDeadline, type BusinessCalendar } from '../time/business-days.js';
import { severityRank, type Playbook, type ResponseTime, type Severity } from '../playbook/schema.js';
import { DueKind, isOpen, type DueItem, type Incident, type IncidentsState, type SeverityPeriod } from './model.js';

const MINUTE_MS = 60_000;

export const DUE_LABELS: Record<DueKind, string> = {
  ack: 'Acknowledge',
  engage: 'Engage: start investigating',
  status_update: 'Post a status update',
  escalate_l2: 'Escalate to Level 2',
  escalate_l3: 'Escalate to Level 3',
  notify_desk: 'Tell the trading desk',
  notify_management: 'Tell management',
  secondary_takeover: 'Secondary takes over',
};

/** Start of the latest unbroken run of periods for which `inRun` holds, up to the current one. */
function runStart(history: readonly SeverityPeriod[], inRun: (s: Severity) => boolean): number | null {
  let start: number | null = null;
  for (const period of history) start = inRun(period.severity) ? (start ?? period.from) : null;
  return start;
}

/** When the incident became at least as severe as it is now, without a break. */
export function severityClockStart(incident: Pick<Incident, 'severity' | 'severityHistory'>): number {
  const rank = severityRank(incident.severity);
  return runStart(incident.severityHistory, (s) => severityRank(s) <= rank) ?? incident.severityHistory[0]!.from;
}

function deadline(from: number, time: ResponseTime, calendar: BusinessCalendar): number {
  return time === 'next_business_day' ? nextBusinessDayDeadline(from, calendar) : from + time * MINUTE_MS;
}

export interface ClockOptions {
  /** IANA zone for "next business day"; defaults to the playbook's. */
  timeZone?: string;
}

/**
 * Every clock that applies to the incident now, with its done-mark. Items
 * for the record stay after they are done; the status-update clock and the
 * takeover are dropped once they no longer apply.
 */
export function dueItems(incident: Incident, playbook: Playbook, options: ClockOptions = {}): DueItem[] {
  const policy = playbook.severities[incident.severity];
  const esc = playbook.escalation;
  const calendar: BusinessCalendar = { ...playbook.businessDays, timeZone: options.timeZone ?? playbook.businessDays.timeZone };
  const sevStart = severityClockStart(incident);
  const items: DueItem[] = [];
  const add = (kind: DueKind, startsAt: number, dueAt: number, contactId: string | null = null) =>
    items.push({ kind, label: DUE_LABELS[kind], startsAt, dueAt, contactId, done: incident.done[kind] ?? null });

  const ackDue = deadline(sevStart, policy.ackMinutes, calendar);
  add('ack', sevStart, ackDue);
  add('engage', sevStart, deadline(sevStart, policy.engageMinutes, calendar));

  if (isOpen(incident) && policy.statusUpdateMinutes !== null) {
    const from = Math.max(sevStart, incident.lastStatusUpdateAt ?? sevStart);
    items.push({
      kind: 'status_update', label: DUE_LABELS.status_update, startsAt: from,
      dueAt: from + policy.statusUpdateMinutes * MINUTE_MS, contactId: null, done: null,
    });
  }

  const level2 = esc.levels.find((l) => l.level === 2);
  add('escalate_l2', incident.startedAt, incident.startedAt + esc.level2AfterMinutes * MINUTE_MS, level2?.contacts[0] ?? null);

  const majorSince = runStart(incident.severityHistory, (s) => esc.level3Severities.includes(s));
  if (majorSince !== null) {
    add('escalate_l3', majorSince, majorSince + esc.level3AfterMinutes * MINUTE_MS, esc.managementContact);
  }

  if (policy.notifyDeskMinutes !== null) {
    add('notify_desk', sevStart, sevStart + policy.notifyDeskMinutes * MINUTE_MS, esc.deskContact);
  }
  if (policy.notifyManagementMinutes !== null) {
    add('notify_management', sevStart, sevStart + policy.notifyManagementMinutes * MINUTE_MS, esc.managementContact);
  }

  if (policy.ackMinutes !== 'next_business_day' && (incident.acknowledged === null || incident.done.secondary_takeover)) {
    add('secondary_takeover', incident.startedAt, Math.max(incident.startedAt + esc.secondaryTakeoverMinutes * MINUTE_MS, ackDue));
  }
  return items;
}

/** A clock as the UI shows it at `now`. */
export interface Deadline extends DueItem {
  incidentId: string;
  severity: Severity;
  title: string;
  breached: boolean;
  /** Time left over the clock's whole span, 0..1 (0 when breached): for colour, beside the text. */
  shareLeft: number;
  msLeft: number;
}

/** Pending clocks of every open incident, soonest first: what the scheduler arms its one timer for. */
export function nextDeadlines(state: IncidentsState, now: number): Deadline[] {
  const out: Deadline[] = [];
  for (const incident of state.incidents) {
    if (!isOpen(incident)) continue;
    for (const item of incident.due) {
      if (item.done) continue;
      const span = item.dueAt - item.startsAt;
      const msLeft = item.dueAt - now;
      out.push({
        ...item,
        incidentId: incident.id,
        severity: incident.severity,
        title: incident.title,
        breached: msLeft <= 0,
        shareLeft: msLeft <= 0 ? 0 : span <= 0 ? 0 : Math.min(1, msLeft / span),
        msLeft,
      });
    }
  }
  const kindOrder = (k: DueKind) => DueKind.options.indexOf(k);
  return out.sort(
    (a, b) => a.dueAt - b.dueAt || severityRank(a.severity) - severityRank(b.severity) || kindOrder(a.kind) - kindOrder(b.kind),
  );
}

/** The earliest pending deadline still ahead of `now`, or null: when the shell's timer should next fire. */
export function nextWakeAt(state: IncidentsState, now: number): number | null {
  const ahead = nextDeadlines(state, now).find((d) => !d.breached);
  return ahead ? ahead.dueAt : null;
}
