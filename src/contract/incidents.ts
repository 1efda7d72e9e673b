/**
 * Incidents, their clocks and the playbook, as they cross the host boundary.
 * The domain objects are the pure core's own schemas (src/core), so what the
 * host persists, what it sends and what the renderer reads are one shape.
 */
import { z } from 'zod';
import { DecisionQuestion, DueKind, Incident, TimelineEntry } from '../core/incidents/model.js';
import { Playbook, ScenarioId, Severity } from '../core/playbook/schema.js';

const Text = z.string().trim().min(1).max(4_000);
const IncidentId = z.string().min(1).max(40);
/** A directory id (contact, channel). */
const ContactId = z.string().min(1).max(100);
/** Where an update was posted, by directory id: the form's ticks. */
const Channels = z.array(ContactId).max(10);

/** What an engineer can do to an incident; the host adds who and when. */
export const IncidentAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acknowledge') }).strict(),
  z.object({ type: z.literal('engage') }).strict(),
  z.object({ type: z.literal('status_update'), text: Text, channels: Channels.optional() }).strict(),
  /** `contactId`: whom was called; the host records the name and number from its directory. */
  z.object({
    type: z.literal('escalate'), level: z.union([z.literal(2), z.literal(3)]), note: Text.optional(),
    contactId: ContactId.optional(), summary: z.string().trim().max(8_000).optional(),
  }).strict(),
  z.object({ type: z.literal('mitigate'), note: Text.optional() }).strict(),
  /**
   * The final update is required where the severity's policy says so (every severity by default).
   * `anyway`: the engineer was told the condition still holds ("binance is
   * still disconnected: resolve anyway?") and said yes.
   */
  z.object({
    type: z.literal('resolve'), note: Text, falsePositive: z.boolean().optional(),
    finalUpdate: z.object({ text: Text, channels: Channels.optional() }).strict().optional(),
    anyway: z.literal(true).optional(),
  }).strict(),
  /** A person marks what the rules cannot see; financial impact and the loss limit's marks come from the rules. */
  z.object({ type: z.literal('flag'), flag: z.enum(['security', 'regulatory']), detail: Text }).strict(),
  z.object({ type: z.literal('decide'), question: DecisionQuestion, answer: z.boolean() }).strict(),
  z.object({ type: z.literal('change_severity'), severity: Severity, reason: Text.optional() }).strict(),
  z.object({ type: z.literal('mark_done'), item: DueKind }).strict(),
  z.object({ type: z.literal('tick_step'), stepId: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('note'), text: Text }).strict(),
]);
export type IncidentAction = z.infer<typeof IncidentAction>;

export const IncidentActRequest = z.object({ incidentId: IncidentId, action: IncidentAction }).strict();
export type IncidentActRequest = z.infer<typeof IncidentActRequest>;

/** Run the read-only gather commands on a trading host (a prod or standby profile) and attach their output to the timeline. */
export const IncidentGatherRequest = z.object({ incidentId: IncidentId, profileId: z.string().min(1).max(200) }).strict();
export type IncidentGatherRequest = z.infer<typeof IncidentGatherRequest>;

const TrendWeek = z.object({
  from: z.number(), to: z.number(), total: z.number().int(),
  bySeverity: z.record(Severity, z.number().int()),
  byScenario: z.partialRecord(z.union([ScenarioId, z.literal('other')]), z.number().int()),
  openedByHand: z.number().int(), falsePositives: z.number().int(),
  medianAckMinutes: z.number().nullable(), medianResolveMinutes: z.number().nullable(),
});
/** The last seven days of incidents against the seven before (core/incidents/trend.ts), for the weekly review. */
export const IncidentTrend = z.object({ thisWeek: TrendWeek, lastWeek: TrendWeek });
export type IncidentTrend = z.infer<typeof IncidentTrend>;

export const IncidentOpenRequest = z
  .object({
    title: z.string().trim().min(1).max(200),
    severity: Severity,
    detail: z.string().max(4_000).optional(),
    /** The alert scenario it is, for its runbook and clocks; absent or null: "other". */
    scenario: ScenarioId.nullable().optional(),
  })
  .strict();
export type IncidentOpenRequest = z.infer<typeof IncidentOpenRequest>;

/**
 * An incident as it crosses the host link: its timeline windowed to the
 * newest entries (src/core/incidents/link.ts, TIMELINE_WINDOW), with
 * `timelineTotal` saying how many there are in all when some were left out;
 * `incidents.timeline` pages the older ones on demand. Absent: the timeline
 * is whole.
 */
export const LinkIncident = Incident.extend({ timelineTotal: z.number().int().nonnegative().optional() });
export type LinkIncident = z.infer<typeof LinkIncident>;

/** Open incidents and those resolved recently, newest first, with whom actions are recorded as. */
export const IncidentsView = z.object({
  incidents: z.array(LinkIncident),
  /** The name actions are recorded under (the engineer at this cockpit). */
  operator: z.string(),
  /** Why the audit log cannot be trusted (its hash chain is broken), or null when it verifies. */
  auditProblem: z.string().nullable(),
});
export type IncidentsView = z.infer<typeof IncidentsView>;

/** `incidents.list` as the link answers it: the view after incident delta `seq` (0 before the first). */
export const IncidentsLinkView = IncidentsView.extend({ seq: z.number().int().nonnegative() });
export type IncidentsLinkView = z.infer<typeof IncidentsLinkView>;

/**
 * Pushed as `incidents.changed`: the incidents whose state changed since the
 * previous delta (windowed), the ids that left the view, and the order of
 * the whole view by id. Numbered like the live deltas: a skipped number, or
 * an order naming an incident not held, asks for `incidents.list` again.
 */
export const IncidentsDelta = z.object({
  seq: z.number().int().positive(),
  changed: z.array(LinkIncident),
  removed: z.array(z.string()),
  order: z.array(z.string()),
  operator: z.string(),
  auditProblem: z.string().nullable(),
});
export type IncidentsDelta = z.infer<typeof IncidentsDelta>;

/** Older timeline entries of one incident: the `limit` entries before index `before` (oldest is 0). */
export const TimelinePageRequest = z
  .object({ incidentId: IncidentId, before: z.number().int().nonnegative(), limit: z.number().int().min(1).max(500) })
  .strict();
export const TimelinePage = z.object({
  /** Index of the first entry in `entries`. */
  from: z.number().int().nonnegative(),
  entries: z.array(TimelineEntry),
  total: z.number().int().nonnegative(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

/** Something the engineer must be told about at once: desktop notification, sound, title. */
export const IncidentAlert = z.object({
  /** `flagged`: the rules marked it (the loss limit's prepare mark, high financial impact): clocks due at once. */
  kind: z.enum(['new', 'breach', 'severity_raised', 'condition_cleared', 'flagged']),
  incidentId: z.string(),
  severity: Severity,
  title: z.string(),
  body: z.string(),
  /** For breaches: which clock. */
  item: DueKind.nullable(),
  at: z.number(),
});
export type IncidentAlert = z.infer<typeof IncidentAlert>;

export const ExportedFile = z.object({ filename: z.string(), mediaType: z.string(), text: z.string() });
export type ExportedFile = z.infer<typeof ExportedFile>;

export const PlaybookImportRequest = z.object({ text: z.string().max(1_000_000) }).strict();

export { Incident, Playbook };
