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
 *   the clock start and the last update posted; none when the cadence is
 *   null, unless the decision tree's "investigate" set one. Notes never move it.
 * - escalate_l2: the earliest of the severity's clock with its anchor
 *   (`escalateLevel2`: from the start, from when it became this severe, or
 *   from engagement), the scenario's own ("not reconnected after 30
 *   minutes", "latency sustained"), and the decision tree's "escalate".
 * - escalate_l3: the earliest of a major outage open `level3AfterMinutes`
 *   and, at once, a security, regulatory or high-financial-impact flag.
 * - notify_desk, notify_management: the severity's notification times (SEV1).
 * - notify_security, notify_compliance: at once, when flagged.
 * - prepare_kill: at once when the loss limit's prepare mark is reached;
 *   the desk is called for their decision.
 * - secondary_takeover: `secondaryTakeoverMinutes` from the start without an
 *   acknowledgement. Not for next-business-day severities; gone once
 *   someone acknowledges (kept when the secondary did take over).
 * - not_understood: acknowledged but not engaged `notUnderstoodMinutes`
 *   later; gone once engaged.
 *
 * A clock due at once (a flag, a severity the scenario escalates at, the
 * decision tree's "escalate") is due now, not overdue, for
 * `AT_ONCE_GRACE_MS`: the time it takes to pick up the phone. Only then is
 * it breached (and announced as such).
 *
 * A reopened incident (its condition came back soon after it was resolved)
 * is handled as new from the reopening: every clock counts from then
 * (`fromReopening`).
 */
import { nextBusinessDayDeadline, type BusinessCalendar } from '../time/business-days.js';
import { severityRank, type Playbook, type ResponseTime, type Severity } from '../playbook/schema.js';
import { decisionPosition } from './decision-tree.js';
import { DueKind, isOpen, type DueItem, type Incident, type IncidentsState, type SeverityPeriod } from './model.js';

const MINUTE_MS = 60_000;

/** How long a clock due at once reads "due now" before it counts as breached. */
export const AT_ONCE_GRACE_MS = 60_000;

export const DUE_LABELS: Record<DueKind, string> = {
  ack: 'Acknowledge',
  engage: 'Engage: start investigating',
  status_update: 'Post a status update',
  escalate_l2: 'Escalate to Level 2',
  escalate_l3: 'Escalate to Level 3',
  notify_desk: 'Tell the trading desk',
  notify_management: 'Tell management',
  secondary_takeover: 'Secondary takes over',
  not_understood: 'Not understood yet: escalate',
  notify_security: 'Call the security team',
  notify_compliance: 'Call legal/compliance',
  prepare_kill: 'Be ready to kill: stop the losing strategies, the desk decides',
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

interface Candidate {
  startsAt: number;
  dueAt: number;
  label: string;
}

const earliest = (candidates: readonly Candidate[]): Candidate | null =>
  candidates.reduce<Candidate | null>((best, c) => (best === null || c.dueAt < best.dueAt ? c : best), null);

/** "Still not reconnected after 30 minutes" as the tail of a label. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The minutes between status updates now, or null when only the final one is due. */
export function updateCadenceMinutes(incident: Pick<Incident, 'severity' | 'decisions'>, playbook: Playbook): number | null {
  const cadence = playbook.severities[incident.severity].statusUpdateMinutes;
  if (decisionPosition(incident.decisions).outcome !== 'investigate') return cadence;
  const tree = playbook.decisionTree.investigateUpdateMinutes;
  return cadence === null ? tree : Math.min(cadence, tree);
}

function level2Candidates(incident: Incident, playbook: Playbook, sevStart: number): Candidate[] {
  const out: Candidate[] = [];
  const label = DUE_LABELS.escalate_l2;
  const clock = playbook.severities[incident.severity].escalateLevel2;
  if (clock) {
    const anchor = clock.from === 'start' ? incident.startedAt : clock.from === 'severity' ? sevStart : (incident.engaged?.at ?? null);
    if (anchor !== null) out.push({ startsAt: anchor, dueAt: anchor + clock.afterMinutes * MINUTE_MS, label });
  }
  if (incident.scenario) {
    const scenario = playbook.scenarios[incident.scenario];
    const own = scenario.escalateLevel2;
    const why = `${label}: ${lowerFirst(scenario.escalateIf)}`;
    if (own.afterMinutes !== undefined) {
      out.push({ startsAt: incident.startedAt, dueAt: incident.startedAt + own.afterMinutes * MINUTE_MS, label: why });
    }
    if (own.atSeverity !== undefined) {
      const rank = severityRank(own.atSeverity);
      const reached = runStart(incident.severityHistory, (s) => severityRank(s) <= rank);
      if (reached !== null) out.push({ startsAt: reached, dueAt: reached, label: why });
    }
  }
  const decision = decisionPosition(incident.decisions);
  if (decision.outcome === 'escalate' && decision.outcomeAt !== null) {
    out.push({ startsAt: decision.outcomeAt, dueAt: decision.outcomeAt, label: `${label} with full context` });
  }
  return out;
}

const LEVEL3_FLAGS: Partial<Record<keyof Incident['flags'], string>> = {
  security: 'security incident',
  regulatory: 'regulatory issue',
  financial_impact: 'high financial impact',
};

function level3Candidates(incident: Incident, playbook: Playbook): Candidate[] {
  const esc = playbook.escalation;
  const out: Candidate[] = [];
  const majorSince = runStart(incident.severityHistory, (s) => esc.level3Severities.includes(s));
  if (majorSince !== null) {
    out.push({ startsAt: majorSince, dueAt: majorSince + esc.level3AfterMinutes * MINUTE_MS, label: DUE_LABELS.escalate_l3 });
  }
  for (const [flag, why] of Object.entries(LEVEL3_FLAGS) as [keyof Incident['flags'], string][]) {
    const mark = incident.flags[flag];
    if (mark) out.push({ startsAt: mark.at, dueAt: mark.at, label: `${DUE_LABELS.escalate_l3}: ${why}` });
  }
  return out;
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
export function dueItems(raw: Incident, playbook: Playbook, options: ClockOptions = {}): DueItem[] {
  const incident = fromReopening(raw);
  const policy = playbook.severities[incident.severity];
  const esc = playbook.escalation;
  const calendar: BusinessCalendar = { ...playbook.businessDays, timeZone: options.timeZone ?? playbook.businessDays.timeZone };
  const sevStart = severityClockStart(incident);
  const items: DueItem[] = [];
  const add = (kind: DueKind, startsAt: number, dueAt: number, contactId: string | null = null, label = DUE_LABELS[kind]) =>
    items.push({ kind, label, startsAt, dueAt, contactId, done: incident.done[kind] ?? null });

  const ackDue = deadline(sevStart, policy.ackMinutes, calendar);
  add('ack', sevStart, ackDue);
  add('engage', sevStart, deadline(sevStart, policy.engageMinutes, calendar));

  const cadence = updateCadenceMinutes(incident, playbook);
  if (isOpen(incident) && cadence !== null) {
    const from = Math.max(sevStart, incident.lastStatusUpdateAt ?? sevStart);
    items.push({
      kind: 'status_update', label: DUE_LABELS.status_update, startsAt: from,
      dueAt: from + cadence * MINUTE_MS, contactId: null, done: null,
    });
  }

  const level2Contact = esc.levels.find((l) => l.level === 2)?.contacts[0] ?? null;
  const level2 = earliest(level2Candidates(incident, playbook, sevStart));
  if (level2) add('escalate_l2', level2.startsAt, level2.dueAt, level2Contact, level2.label);
  else if (incident.done.escalate_l2) add('escalate_l2', incident.done.escalate_l2.at, incident.done.escalate_l2.at, level2Contact);

  const level3 = earliest(level3Candidates(incident, playbook));
  if (level3) add('escalate_l3', level3.startsAt, level3.dueAt, esc.managementContact, level3.label);
  else if (incident.done.escalate_l3) add('escalate_l3', incident.done.escalate_l3.at, incident.done.escalate_l3.at, esc.managementContact);

  if (policy.notifyDeskMinutes !== null) {
    add('notify_desk', sevStart, sevStart + policy.notifyDeskMinutes * MINUTE_MS, esc.deskContact);
  }
  if (policy.notifyManagementMinutes !== null) {
    add('notify_management', sevStart, sevStart + policy.notifyManagementMinutes * MINUTE_MS, esc.managementContact);
  }
  const flags = incident.flags;
  if (flags.security) add('notify_security', flags.security.at, flags.security.at, esc.securityContact);
  if (flags.regulatory) add('notify_compliance', flags.regulatory.at, flags.regulatory.at, esc.complianceContact);
  if (flags.prepare_kill) add('prepare_kill', flags.prepare_kill.at, flags.prepare_kill.at, esc.deskContact);

  if (policy.ackMinutes !== 'next_business_day' && (incident.acknowledged === null || incident.done.secondary_takeover)) {
    add('secondary_takeover', incident.startedAt, incident.startedAt + esc.secondaryTakeoverMinutes * MINUTE_MS);
  }
  const acked = incident.acknowledged;
  if (acked && (incident.engaged === null || incident.done.not_understood)) {
    add('not_understood', acked.at, acked.at + esc.notUnderstoodMinutes * MINUTE_MS, level2Contact,
      `Not understood after ${esc.notUnderstoodMinutes} minutes: escalate`);
  }
  return items;
}

/**
 * The incident as its clocks see it: after a reopening, nothing before it
 * counts. It starts then, at the severity it had then, and flags raised
 * earlier count as raised then.
 */
export function fromReopening(incident: Incident): Incident {
  const from = incident.reopenedAt;
  if (from === undefined) return incident;
  const history = incident.severityHistory;
  const at = history.findLastIndex((p) => p.from <= from);
  const severityHistory = [{ severity: history[Math.max(0, at)]!.severity, from }, ...history.slice(at + 1)];
  const flags = Object.fromEntries(Object.entries(incident.flags).map(([k, mark]) => [k, mark && { ...mark, at: Math.max(mark.at, from) }]));
  return { ...incident, startedAt: from, severityHistory, flags };
}

/** A clock as the UI shows it at `now`. */
export interface Deadline extends DueItem {
  incidentId: string;
  severity: Severity;
  title: string;
  /** Past `breachesAt`: overdue. Between `dueAt` and `breachesAt` (a clock due at once) it is due now. */
  breached: boolean;
  /** When it counts as breached: `dueAt`, or `dueAt + AT_ONCE_GRACE_MS` for a clock due at once. */
  breachesAt: number;
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
      const breachesAt = span <= 0 ? item.dueAt + AT_ONCE_GRACE_MS : item.dueAt;
      out.push({
        ...item,
        incidentId: incident.id,
        severity: incident.severity,
        title: incident.title,
        breached: now >= breachesAt,
        breachesAt,
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

/** The earliest breach still ahead of `now`, or null: when the shell's timer should next fire. */
export function nextWakeAt(state: IncidentsState, now: number): number | null {
  const ahead = nextDeadlines(state, now).filter((d) => !d.breached);
  return ahead.length === 0 ? null : Math.min(...ahead.map((d) => d.breachesAt));
}
