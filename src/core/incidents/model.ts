/**
 * Incidents as plain JSON: what happened, who did what and when, and the
 * deadlines computed when it happened. The zod schemas validate the state a
 * host restores from disk after a restart; the types are z.infer of them.
 *
 * Times are epoch milliseconds (wall clock of the host that applied the
 * event). Deadlines are stored as absolute times, so a restart hours later
 * sees the same deadlines, now in the past.
 */
import { z } from 'zod';
import { ScenarioId, Severity } from '../playbook/schema.js';

export const IncidentPhase = z.enum(['triggered', 'acknowledged', 'engaged', 'mitigated', 'resolved']);
export type IncidentPhase = z.infer<typeof IncidentPhase>;

/** Order of the lifecycle; an incident only moves forward. */
export const phaseRank = (p: IncidentPhase): number => IncidentPhase.options.indexOf(p);

export const DueKind = z.enum([
  'ack',
  'engage',
  'status_update',
  'escalate_l2',
  'escalate_l3',
  'notify_desk',
  'notify_management',
  'secondary_takeover',
  /** Acknowledged, not engaged `notUnderstoodMinutes` later: the alert is not understood, escalate. */
  'not_understood',
  'notify_security',
  'notify_compliance',
  /** The loss limit's prepare mark: be ready to kill, stop the losing strategies, the desk decides. */
  'prepare_kill',
]);
export type DueKind = z.infer<typeof DueKind>;

export const DoneMark = z.object({ by: z.string(), at: z.number() });
export type DoneMark = z.infer<typeof DoneMark>;

/**
 * What is known about an incident that starts clocks of its own at once: a
 * person marks it a security or regulatory matter; the rules see the day's
 * loss past the financial-impact mark or the loss limit's prepare mark.
 */
export const IncidentFlag = z.enum(['security', 'regulatory', 'financial_impact', 'prepare_kill']);
export type IncidentFlag = z.infer<typeof IncidentFlag>;

export const FlagMark = z.object({
  /** Who marked it; null when the alert rules did. */
  by: z.string().nullable(),
  at: z.number(),
  detail: z.string(),
});
export type FlagMark = z.infer<typeof FlagMark>;

/** The questions of the "where to start" decision tree, in order. */
export const DecisionQuestion = z.enum(['sev1', 'runbook', 'expertise']);
export type DecisionQuestion = z.infer<typeof DecisionQuestion>;

export const DecisionStep = z.object({ question: DecisionQuestion, answer: z.boolean(), by: z.string(), at: z.number() });
export type DecisionStep = z.infer<typeof DecisionStep>;

/** One call to the next level: whom, on which number, and the summary given. */
export const EscalationCall = z.object({
  level: z.number().int().min(2).max(3),
  contactId: z.string().nullable(),
  /** The name and number as they were when the call was made (the directory may change later). */
  name: z.string().nullable(),
  phone: z.string().nullable(),
  summary: z.string(),
  by: z.string(),
  at: z.number(),
});
export type EscalationCall = z.infer<typeof EscalationCall>;

export const DueItem = z.object({
  kind: DueKind,
  /** What to do, in the engineer's words, e.g. "Tell the trading desk". */
  label: z.string(),
  /** Epoch ms the clock started (for the share of time left). */
  startsAt: z.number(),
  /** Epoch ms it is due. */
  dueAt: z.number(),
  /** Directory id of whom to call, when the item is a call. */
  contactId: z.string().nullable(),
  done: DoneMark.nullable(),
});
export type DueItem = z.infer<typeof DueItem>;

export const TimelineKind = z.enum([
  'raised', 'opened', 'returned', 'updated', 'acknowledged', 'engaged', 'status_update', 'escalated',
  'mitigated', 'resolved', 'severity_changed', 'done', 'step', 'cleared', 'event', 'note',
  'flagged', 'decision', 'final_update', 'gathered', 'reopened',
]);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const TimelineEntry = z.object({
  at: z.number(),
  kind: TimelineKind,
  /** Who did it; null for what the alert rules saw. */
  by: z.string().nullable(),
  text: z.string(),
  /** For status updates: the directory ids of the channels it was posted to. */
  channels: z.array(z.string()).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const SeverityPeriod = z.object({ severity: Severity, from: z.number() });
export type SeverityPeriod = z.infer<typeof SeverityPeriod>;

export const Incident = z.object({
  /** "INC-12": unique and stable across restarts. */
  id: z.string(),
  /** The alert condition it tracks; null when opened by hand. */
  conditionKey: z.string().nullable(),
  scenario: ScenarioId.nullable(),
  /** "SEV1".."SEV4", shown as text (never colour alone). */
  severity: Severity,
  /** Every severity it has had, oldest first; the clocks are computed from this. */
  severityHistory: z.array(SeverityPeriod).min(1),
  /** Names the subject, e.g. "Exchange disconnected: binance". */
  title: z.string(),
  detail: z.string(),
  subjects: z.array(z.string()),
  phase: IncidentPhase,
  startedAt: z.number(),
  /**
   * Epoch ms its condition came back soon after it was resolved and it was
   * reopened (the latest time); the response clocks count from then.
   */
  reopenedAt: z.number().optional(),
  /** The earlier incident for the same condition that this one follows, when it came back too late to reopen it. */
  follows: z.string().optional(),
  openedBy: z.string().nullable(),
  acknowledged: DoneMark.nullable(),
  engaged: DoneMark.nullable(),
  mitigated: DoneMark.nullable(),
  resolved: DoneMark.nullable(),
  resolutionNote: z.string().nullable(),
  lastStatusUpdateAt: z.number().nullable(),
  /** Highest escalation level reached, 1 to 3. */
  escalationLevel: z.number().int().min(1).max(3),
  /** Epoch ms the alert condition was signalled clear; the UI offers to resolve. */
  conditionClearedAt: z.number().nullable(),
  /** Done-marks by item kind, kept across severity changes. */
  done: z.partialRecord(DueKind, DoneMark),
  /** Runbook steps ticked, by step id. */
  stepsDone: z.record(z.string(), DoneMark),
  /** Flags by kind, each with who set it and when; they start their clocks at once. Absent before format 2. */
  flags: z.partialRecord(IncidentFlag, FlagMark).default({}),
  /** The decision tree's answers, in order. */
  decisions: z.array(DecisionStep).default([]),
  /** The calls made to escalate, oldest first. */
  escalations: z.array(EscalationCall).default([]),
  /** Resolved as a false positive (the note says why). */
  falsePositive: z.boolean().default(false),
  /** A drill's incident: worked like any other here, but never sent to PagerDuty, Slack, the status page or Alertmanager (src/core/outbox/plan.ts). */
  drill: z.boolean().optional(),
  /** The deadlines, recomputed on every event. */
  due: z.array(DueItem),
  timeline: z.array(TimelineEntry),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentsState = z.object({
  incidents: z.array(Incident),
  /** Number of the next incident id. */
  nextNumber: z.number().int().min(1),
});
export type IncidentsState = z.infer<typeof IncidentsState>;

export const initialIncidentsState = (): IncidentsState => ({ incidents: [], nextNumber: 1 });

export const isOpen = (i: Incident): boolean => i.phase !== 'resolved';

/** When the response clocks count from: the start, or the latest reopening. */
export const clocksFrom = (i: Pick<Incident, 'startedAt' | 'reopenedAt'>): number => i.reopenedAt ?? i.startedAt;

/** The open incident tracking an alert condition, if any. */
export const openIncidentFor = (state: IncidentsState, conditionKey: string): Incident | undefined =>
  state.incidents.find((i) => i.conditionKey === conditionKey && isOpen(i));

/** The incident for an alert condition resolved last, if any: the one a return of the condition may reopen. */
export const lastResolvedFor = (state: IncidentsState, conditionKey: string): Incident | undefined =>
  state.incidents
    .filter((i) => i.conditionKey === conditionKey && i.resolved !== null)
    .reduce<Incident | undefined>((last, i) => (last && last.resolved!.at >= i.resolved!.at ? last : i), undefined);
