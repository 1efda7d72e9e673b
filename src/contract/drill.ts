/**
 * Drills: a scenario or a scripted sequence staged on a simulator through
 * its /sim/v1 controls, worked as a real incident, ended with a report
 * against the playbook's clocks. Offered only where the watched API answers
 * /sim/v1: a drill can never reach a real trading system.
 */
import { z } from 'zod';

const Empty = z.object({}).strict();

export const DrillDefinition = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['scenario', 'scripted']),
  /** Each step in words, with its time from the start in seconds. */
  steps: z.array(z.object({ at_s: z.number(), text: z.string() })),
});
export type DrillDefinition = z.infer<typeof DrillDefinition>;

export const DrillReportLine = z.object({
  kind: z.enum(['acknowledged', 'desk_told', 'status_update', 'killswitch_verified', 'resolved']),
  met: z.boolean(),
  text: z.string(),
});

export const DrillRecord = z.object({
  drillId: z.string(),
  label: z.string(),
  startedAt: z.number(),
  endedAt: z.number(),
  by: z.string(),
  /** The incidents the drill raised (marked DRILL). */
  incidentIds: z.array(z.string()),
  /** The severity the clocks were taken from; null when the drill raised no incident. */
  severity: z.string().nullable(),
  lines: z.array(DrillReportLine),
  /** Steps that the simulator refused or that could not be sent, in words. */
  problems: z.array(z.string()),
});
export type DrillRecord = z.infer<typeof DrillRecord>;

export const DrillRun = z.object({
  drillId: z.string(),
  label: z.string(),
  startedAt: z.number(),
  /** Steps sent so far, of the drill's steps. */
  stepsSent: z.number().int().nonnegative(),
  stepsTotal: z.number().int().positive(),
  problems: z.array(z.string()),
});
export type DrillRun = z.infer<typeof DrillRun>;

export const DrillView = z.object({
  /** Whether drills can run here: the watched API answers /sim/v1. */
  available: z.boolean(),
  /** Why not, in words; null when available. */
  unavailableReason: z.string().nullable(),
  /** The watched API's base URL the drill would stage on. */
  target: z.string(),
  drills: z.array(DrillDefinition),
  running: DrillRun.nullable(),
  /** Saved reports, newest first. */
  reports: z.array(DrillRecord),
});
export type DrillView = z.infer<typeof DrillView>;

export const drillCalls = {
  /** Asks the watched API for /sim/v1 on each call: whether drills are offered is never a stale answer. */
  'drill.view': { request: Empty, response: DrillView },
  /** Refused (unavailable) when the watched API does not answer /sim/v1; (conflict) while another drill runs. */
  'drill.start': { request: z.object({ drillId: z.string().min(1).max(64) }).strict(), response: DrillRun },
  /** Ends the running drill: switches the simulator's scenarios off, saves and answers the report. */
  'drill.finish': { request: Empty, response: DrillRecord },
} as const;

export const drillEvents = {
  'drill.changed': DrillView,
} as const;
