/**
 * The incident list as `(state, event, now, playbook) => state`. Every event
 * adds a timeline entry and recomputes the incident's deadlines, which are
 * stored with it (see model.ts). Events for an unknown or resolved incident
 * leave the state as it was: the host checks `findIncident` first when it
 * needs to tell the engineer why nothing happened.
 */
import type { AlertSignal } from '../alerts/evaluate.js';
import { moreUrgent, severityRank, type Playbook, type ScenarioId, type Severity } from '../playbook/schema.js';
import { dueItems, type ClockOptions } from './clocks.js';
import { decisionOutcomeText, decisionPosition, decisionQuestionText } from './decision-tree.js';
import { spanWords } from '../alerts/wording.js';
import {
  isOpen,
  lastResolvedFor,
  openIncidentFor,
  phaseRank,
  type DecisionQuestion,
  type DueKind,
  type Incident,
  type IncidentFlag,
  type IncidentPhase,
  type IncidentsState,
  type TimelineKind,
} from './model.js';

export type IncidentEvent =
  /** What the alert rules signalled: raise, update, cleared, or a threshold event. */
  | { type: 'signal'; signal: AlertSignal }
  | { type: 'open'; by: string; severity: Severity; title: string; detail?: string; scenario?: ScenarioId | null; subjects?: string[] }
  | { type: 'acknowledge'; incidentId: string; by: string }
  | { type: 'engage'; incidentId: string; by: string }
  /** `channels`: directory ids of where the engineer posted it (Slack channels, the status page). */
  | { type: 'status_update'; incidentId: string; by: string; text: string; channels?: string[] }
  /** `contactId`, `name`, `phone`: whom was called, as the directory had them; `summary`: what they were told. */
  | { type: 'escalate'; incidentId: string; level: 2 | 3; by: string; note?: string; contactId?: string; name?: string; phone?: string; summary?: string }
  | { type: 'mitigate'; incidentId: string; by: string; note?: string }
  /**
   * `finalUpdate`: the closing status update; `falsePositive`: the alert was wrong (the note says why);
   * `despite`: what still held when the engineer was asked and chose to resolve anyway ("binance is still disconnected").
   */
  | { type: 'resolve'; incidentId: string; by: string; note: string; falsePositive?: boolean; finalUpdate?: { text: string; channels?: string[] }; despite?: string }
  /** A person marks security or regulatory; the rules mark financial impact and the loss limit's prepare mark. */
  | { type: 'flag'; incidentId: string; flag: IncidentFlag; by: string | null; detail: string }
  | { type: 'decide'; incidentId: string; question: DecisionQuestion; answer: boolean; by: string }
  | { type: 'change_severity'; incidentId: string; severity: Severity; by: string; reason?: string }
  | { type: 'mark_done'; incidentId: string; item: DueKind; by: string }
  | { type: 'tick_step'; incidentId: string; stepId: string; by: string }
  /** Anything else worth the timeline: the killswitch pressed, a terminal session opened. */
  | { type: 'note'; incidentId: string; by: string | null; text: string }
  /** Output of the read-only commands run on a host (gather.ts), already bounded; like a note, it moves no clock. */
  | { type: 'gathered'; incidentId: string; by: string; text: string }
  /** Another alert source (Alertmanager) reports a condition no open incident tracks. */
  | {
      type: 'external_raise'; source: string; conditionKey: string; scenario: ScenarioId | null; severity: Severity;
      title: string; detail: string; subjects: string[];
    }
  /** The other source no longer reports the condition it raised. */
  | { type: 'external_cleared'; incidentId: string; source: string }
  /** Raised while a drill ran: a drill's incident (`drill` on the incident), never sent to the integrations. */
  | { type: 'drill'; incidentId: string; label: string };

const MINUTE_MS = 60_000;

export const findIncident = (state: IncidentsState, id: string): Incident | undefined =>
  state.incidents.find((i) => i.id === id);

function entry(incident: Incident, at: number, kind: TimelineKind, by: string | null, text: string, channels?: string[]): Incident {
  return { ...incident, timeline: [...incident.timeline, { at, kind, by, text, ...(channels ? { channels } : {}) }] };
}

const FLAG_WORDS: Record<IncidentFlag, string> = {
  security: 'Marked a security incident',
  regulatory: 'Marked a regulatory issue',
  financial_impact: 'High financial impact',
  prepare_kill: 'Loss limit prepare mark',
};

function flagged(incident: Incident, flag: IncidentFlag, by: string | null, detail: string, at: number): Incident {
  if (incident.flags[flag]) return incident;
  const next = { ...incident, flags: { ...incident.flags, [flag]: { by, at, detail } } };
  return entry(next, at, 'flagged', by, `${FLAG_WORDS[flag]}${detail ? `: ${detail}` : '.'}`);
}

function withSeverity(incident: Incident, severity: Severity, at: number): Incident {
  if (severity === incident.severity) return incident;
  return { ...incident, severity, severityHistory: [...incident.severityHistory, { severity, from: at }] };
}

function advance(incident: Incident, phase: IncidentPhase): Incident {
  return phaseRank(phase) > phaseRank(incident.phase) ? { ...incident, phase } : incident;
}

function replace(state: IncidentsState, next: Incident, playbook: Playbook, clock: ClockOptions): IncidentsState {
  const withDue = { ...next, due: dueItems(next, playbook, clock) };
  return { ...state, incidents: state.incidents.map((i) => (i.id === next.id ? withDue : i)) };
}

function create(
  state: IncidentsState,
  fields: Pick<Incident, 'conditionKey' | 'scenario' | 'severity' | 'title' | 'detail' | 'subjects' | 'openedBy' | 'follows'>,
  now: number,
  kind: TimelineKind,
  text: string,
  playbook: Playbook,
  clock: ClockOptions,
): IncidentsState {
  const incident: Incident = {
    id: `INC-${state.nextNumber}`,
    ...fields,
    severityHistory: [{ severity: fields.severity, from: now }],
    phase: 'triggered',
    startedAt: now,
    acknowledged: null,
    engaged: null,
    mitigated: null,
    resolved: null,
    resolutionNote: null,
    lastStatusUpdateAt: null,
    escalationLevel: 1,
    conditionClearedAt: null,
    done: {},
    stepsDone: {},
    flags: {},
    decisions: [],
    escalations: [],
    falsePositive: false,
    due: [],
    timeline: [{ at: now, kind, by: fields.openedBy, text }],
  };
  const withDue = { ...incident, due: dueItems(incident, playbook, clock) };
  return { incidents: [...state.incidents, withDue], nextNumber: state.nextNumber + 1 };
}

/**
 * A condition with no open incident is back (or, after a person resolved
 * it, changed): within the playbook's recurrence window after the last
 * resolve it reopens that incident, as new from now; later it opens a new
 * incident that names the earlier one.
 */
function recur(state: IncidentsState, s: AlertSignal, now: number, playbook: Playbook, clock: ClockOptions): IncidentsState {
  const earlier = lastResolvedFor(state, s.conditionKey);
  const resolvedAgo = earlier?.resolved ? now - earlier.resolved.at : null;
  if (earlier && resolvedAgo !== null && resolvedAgo <= playbook.alerting.recurWithinMinutes * MINUTE_MS) {
    let next: Incident = {
      ...earlier, title: s.title, detail: s.detail, subjects: s.subjects, phase: 'triggered', reopenedAt: now,
      acknowledged: null, engaged: null, mitigated: null, resolved: null, resolutionNote: null,
      lastStatusUpdateAt: null, escalationLevel: 1, conditionClearedAt: null, done: {}, stepsDone: {},
      // A fresh run through the decision tree; flags and the calls made stay true of the incident.
      decisions: [], falsePositive: false,
    };
    next = { ...next, severity: s.severity, severityHistory: [...earlier.severityHistory, { severity: s.severity, from: now }] };
    next = entry(next, now, 'reopened', null, `Recurred after ${spanWords(resolvedAgo)}: ${s.severity} ${s.title}. ${s.detail} Reopened; the clocks count from now.`);
    return replace(state, next, playbook, clock);
  }
  const fields = {
    conditionKey: s.conditionKey, scenario: s.scenario, severity: s.severity, title: s.title, detail: s.detail, subjects: s.subjects,
    openedBy: null, ...(earlier ? { follows: earlier.id } : {}),
  };
  const follows = earlier && resolvedAgo !== null ? ` Follows ${earlier.id}, resolved ${spanWords(resolvedAgo)} before.` : '';
  return create(state, fields, now, 'raised', `${s.severity} ${s.title}. ${s.detail}${follows}`, playbook, clock);
}

function applySignal(state: IncidentsState, s: AlertSignal, now: number, playbook: Playbook, clock: ClockOptions): IncidentsState {
  const open = openIncidentFor(state, s.conditionKey);
  if (!open) {
    // An update for a condition whose incident a person already resolved
    // means it is still present and changed: track it again rather than drop it.
    if (s.kind !== 'raise' && s.kind !== 'update') return state;
    return recur(state, s, now, playbook, clock);
  }
  if (s.kind === 'cleared') {
    const next = entry({ ...open, conditionClearedAt: now }, now, 'cleared', null, `Condition cleared: ${s.detail} Ready to resolve.`);
    return replace(state, next, playbook, clock);
  }
  if (s.kind === 'event') {
    let next = entry(open, now, 'event', null, s.detail);
    if (s.mark === 'prepare_kill') next = flagged(next, 'prepare_kill', null, s.detail, now);
    return replace(state, next, playbook, clock);
  }
  const severity = moreUrgent(open.severity, s.severity);
  let next: Incident = withSeverity({ ...open, title: s.title, detail: s.detail, subjects: s.subjects, conditionClearedAt: null }, severity, now);
  const raisedText = severity !== open.severity ? ` Severity ${open.severity} → ${severity}.` : '';
  next = s.kind === 'raise'
    ? entry(next, now, 'returned', null, `Condition back: ${s.title}. ${s.detail}${raisedText}`)
    : entry(next, now, 'updated', null, `${s.title}. ${s.detail}${raisedText}`);
  return replace(state, next, playbook, clock);
}

export function applyIncidentEvent(
  state: IncidentsState,
  event: IncidentEvent,
  now: number,
  playbook: Playbook,
  clock: ClockOptions = {},
): IncidentsState {
  if (event.type === 'signal') return applySignal(state, event.signal, now, playbook, clock);
  if (event.type === 'external_raise') {
    const { conditionKey, scenario, severity, title, detail, subjects, source } = event;
    const fields = { conditionKey, scenario, severity, title, detail, subjects, openedBy: null };
    return create(state, fields, now, 'raised', externalRaisedText(event.severity, title, detail, source), playbook, clock);
  }
  if (event.type === 'open') {
    const fields = {
      conditionKey: null, scenario: event.scenario ?? null, severity: event.severity, title: event.title,
      detail: event.detail ?? '', subjects: event.subjects ?? [], openedBy: event.by,
    };
    return create(state, fields, now, 'opened', `${event.severity} ${event.title}, opened by hand.`, playbook, clock);
  }

  const incident = findIncident(state, event.incidentId);
  if (!incident || !isOpen(incident)) return state;
  const mark = { by: ('by' in event ? event.by : null) ?? '', at: now };
  let next: Incident;
  switch (event.type) {
    case 'acknowledge':
      if (incident.acknowledged) return state;
      next = entry(advance({ ...incident, acknowledged: mark, done: { ...incident.done, ack: mark } }, 'acknowledged'), now, 'acknowledged', event.by, 'Acknowledged.');
      break;
    case 'engage': {
      if (incident.engaged) return state;
      const done = { ...incident.done, engage: mark, ack: incident.done.ack ?? mark };
      next = advance({ ...incident, acknowledged: incident.acknowledged ?? mark, engaged: mark, done }, 'engaged');
      next = entry(next, now, 'engaged', event.by, 'Engaged: investigating.');
      break;
    }
    case 'status_update':
      next = entry({ ...incident, lastStatusUpdateAt: now }, now, 'status_update', event.by, event.text, event.channels);
      break;
    case 'escalate': {
      const kind: DueKind = event.level === 2 ? 'escalate_l2' : 'escalate_l3';
      const done = { ...incident.done, [kind]: incident.done[kind] ?? mark, not_understood: incident.done.not_understood ?? mark };
      if (event.level === 3) done.escalate_l2 = incident.done.escalate_l2 ?? mark;
      const call = {
        level: event.level, contactId: event.contactId ?? null, name: event.name ?? null, phone: event.phone ?? null,
        summary: event.summary ?? event.note ?? '', by: event.by, at: now,
      };
      next = { ...incident, escalationLevel: Math.max(incident.escalationLevel, event.level), done, escalations: [...incident.escalations, call] };
      const who = call.name ? ` Called ${call.name}${call.phone ? ` on ${call.phone}` : ''}.` : '';
      next = entry(next, now, 'escalated', event.by, `Escalated to Level ${event.level}.${who}${event.note ? ` ${event.note}` : ''}`);
      break;
    }
    case 'flag':
      if (incident.flags[event.flag]) return state;
      next = flagged(incident, event.flag, event.by, event.detail, now);
      break;
    case 'decide': {
      const position = decisionPosition(incident.decisions);
      if (position.next !== event.question) return state;
      next = { ...incident, decisions: [...incident.decisions, { question: event.question, answer: event.answer, by: event.by, at: now }] };
      const outcome = decisionPosition(next.decisions).outcome;
      const text = `${decisionQuestionText(event.question, playbook)} ${event.answer ? 'Yes' : 'No'}.${outcome ? ` ${decisionOutcomeText(outcome, playbook)}` : ''}`;
      next = entry(next, now, 'decision', event.by, text);
      break;
    }
    case 'mitigate':
      if (incident.mitigated) return state;
      next = entry(advance({ ...incident, mitigated: mark }, 'mitigated'), now, 'mitigated', event.by, `Mitigated.${event.note ? ` ${event.note}` : ''}`);
      break;
    case 'resolve': {
      next = incident;
      if (event.finalUpdate) {
        next = entry({ ...next, lastStatusUpdateAt: now }, now, 'final_update', event.by, event.finalUpdate.text, event.finalUpdate.channels);
      }
      const falsePositive = event.falsePositive === true;
      next = { ...next, phase: 'resolved', resolved: mark, resolutionNote: event.note, falsePositive };
      const despite = event.despite ? ` while ${event.despite} (asked "resolve anyway?": yes)` : '';
      next = entry(next, now, 'resolved', event.by, `Resolved${falsePositive ? ' as a false positive' : ''}${despite}. ${event.note}`);
      break;
    }
    case 'change_severity': {
      if (event.severity === incident.severity) return state;
      const verb = severityRank(event.severity) < severityRank(incident.severity) ? 'raised' : 'lowered';
      next = entry(withSeverity(incident, event.severity, now), now, 'severity_changed', event.by,
        `Severity ${verb} ${incident.severity} → ${event.severity}.${event.reason ? ` ${event.reason}` : ''}`);
      break;
    }
    case 'mark_done':
      if (event.item === 'status_update') {
        next = entry({ ...incident, lastStatusUpdateAt: now }, now, 'status_update', event.by, 'Status update posted.');
        break;
      }
      if (incident.done[event.item]) return state;
      next = { ...incident, done: { ...incident.done, [event.item]: mark } };
      if (event.item === 'ack') next = advance({ ...next, acknowledged: incident.acknowledged ?? mark }, 'acknowledged');
      next = entry(next, now, 'done', event.by, `Done: ${labelOf(event.item)}.`);
      break;
    case 'tick_step': {
      if (incident.stepsDone[event.stepId]) return state;
      const steps = incident.scenario ? playbook.scenarios[incident.scenario].runbook : [];
      const text = steps.find((s) => s.id === event.stepId)?.text ?? event.stepId;
      next = entry({ ...incident, stepsDone: { ...incident.stepsDone, [event.stepId]: mark } }, now, 'step', event.by, `Runbook step done: ${text}`);
      break;
    }
    case 'note':
      next = entry(incident, now, 'note', event.by, event.text);
      break;
    case 'gathered':
      next = entry(incident, now, 'gathered', event.by, event.text);
      break;
    case 'drill':
      if (incident.drill) return state;
      next = entry({ ...incident, drill: true }, now, 'note', null, `DRILL: raised during the drill "${event.label}"; never sent to PagerDuty, Slack, the status page or Alertmanager.`);
      break;
    case 'external_cleared':
      if (incident.conditionClearedAt !== null) return state;
      next = entry({ ...incident, conditionClearedAt: now }, now, 'cleared', null, `Condition cleared: ${event.source} no longer reports it. Ready to resolve.`);
      break;
  }
  return replace(state, next, playbook, clock);
}

/** The first timeline line of an incident another source raised; also how the incident is known as that source's. */
export const externalRaisedText = (severity: Severity, title: string, detail: string, source: string): string =>
  `${severity} ${title}.${detail ? ` ${detail}${detail.endsWith('.') ? '' : '.'}` : ''} ${raisedFrom(source)}`;
export const raisedFrom = (source: string): string => `(from ${source})`;

const labelOf = (kind: DueKind) =>
  (({ ack: 'acknowledge', engage: 'engage', status_update: 'status update', escalate_l2: 'escalate to Level 2',
    escalate_l3: 'escalate to Level 3', notify_desk: 'trading desk told', notify_management: 'management told',
    secondary_takeover: 'secondary took over', not_understood: 'escalated as not understood',
    notify_security: 'security team called', notify_compliance: 'legal/compliance called',
    prepare_kill: 'ready to kill, losing strategies stopped, desk asked' }) satisfies Record<DueKind, string>)[kind];

/** Applies several events at the same instant, in order. */
export const applyIncidentEvents = (state: IncidentsState, events: readonly IncidentEvent[], now: number, playbook: Playbook, clock: ClockOptions = {}) =>
  events.reduce((s, e) => applyIncidentEvent(s, e, now, playbook, clock), state);

/** Turns alert signals into incident events. */
export const signalEvents = (signals: readonly AlertSignal[]): IncidentEvent[] => signals.map((signal) => ({ type: 'signal', signal }));
