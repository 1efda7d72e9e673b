/**
 * Incidents, their clocks and the playbook, as they cross the host boundary.
 * The domain objects are the pure core's own schemas (src/core), so what the
 * host persists, what it sends and what the renderer reads are one shape.
 */
import { z } from 'zod';
import { DueKind, Incident } from '../core/incidents/model.js';
import { Playbook, Severity } from '../core/playbook/schema.js';

const Text = z.string().trim().min(1).max(4_000);
const IncidentId = z.string().min(1).max(40);

/** What an engineer can do to an incident; the host adds who and when. */
export const IncidentAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acknowledge') }).strict(),
  z.object({ type: z.literal('engage') }).strict(),
  z.object({ type: z.literal('status_update'), text: Text }).strict(),
  z.object({ type: z.literal('escalate'), level: z.union([z.literal(2), z.literal(3)]), note: Text.optional() }).strict(),
  z.object({ type: z.literal('mitigate'), note: Text.optional() }).strict(),
  z.object({ type: z.literal('resolve'), note: Text }).strict(),
  z.object({ type: z.literal('change_severity'), severity: Severity, reason: Text.optional() }).strict(),
  z.object({ type: z.literal('mark_done'), item: DueKind }).strict(),
  z.object({ type: z.literal('tick_step'), stepId: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('note'), text: Text }).strict(),
]);
export type IncidentAction = z.infer<typeof IncidentAction>;

export const IncidentActRequest = z.object({ incidentId: IncidentId, action: IncidentAction }).strict();
export type IncidentActRequest = z.infer<typeof IncidentActRequest>;

export const IncidentOpenRequest = z
  .object({ title: z.string().trim().min(1).max(200), severity: Severity, detail: z.string().max(4_000).optional() })
  .strict();
export type IncidentOpenRequest = z.infer<typeof IncidentOpenRequest>;

/** Open incidents and those resolved recently, newest first, with whom actions are recorded as. */
export const IncidentsView = z.object({
  incidents: z.array(Incident),
  /** The name actions are recorded under (the engineer at this cockpit). */
  operator: z.string(),
  /** Why the audit log cannot be trusted (its hash chain is broken), or null when it verifies. */
  auditProblem: z.string().nullable(),
});
export type IncidentsView = z.infer<typeof IncidentsView>;

/** Something the engineer must be told about at once: desktop notification, sound, title. */
export const IncidentAlert = z.object({
  kind: z.enum(['new', 'breach', 'severity_raised', 'condition_cleared']),
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
