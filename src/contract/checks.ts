/**
 * The pre-shift access check and the shift's rhythm, as they cross the host
 * boundary. The report is the pure core's own schema (src/core/checks), so
 * what the host saves, what it sends and what the renderer shows are one
 * shape.
 *
 * A run starts with `checks.run` and fills in through `checks.progress`
 * events, each carrying the whole report as it stands. When the database
 * password is in none of the usual places the host asks with
 * `checks.passwordAsk`; the answer goes back with `checks.answerPassword`
 * and is kept only in the host's secret store (never written in plain text).
 */
import { z } from 'zod';
import { ShiftBreak } from '../core/shift/breaks.js';
import { AccessReport, CheckDefinition } from '../core/checks/model.js';
import { OnCallRole } from '../core/shift/rotation.js';
import { DatabaseTargetSetting } from './app.js';

const CheckId = z.string().min(1).max(300);

export const ChecksPlan = z.object({
  /** Every check a full run performs, in the order the wizard lists them. */
  checks: z.array(CheckDefinition),
  apiUrl: z.string(),
  /** The embedded simulator is watched: production checks are listed as not configured. */
  demo: z.boolean(),
  writeKeyConfigured: z.boolean(),
  database: DatabaseTargetSetting.nullable(),
  /** The production and standby host profiles the run connects to. */
  hosts: z.array(z.object({ id: z.string(), name: z.string(), expectedHostname: z.string() })),
});
export type ChecksPlan = z.infer<typeof ChecksPlan>;

/** Absent `ids` runs every automated check; with ids, those and whatever depends on them. */
export const ChecksRunRequest = z.object({ ids: z.array(CheckId).min(1).max(200).optional() }).strict();
export type ChecksRunRequest = z.infer<typeof ChecksRunRequest>;

export const ChecksManualRequest = z.object({ id: CheckId, done: z.boolean() }).strict();

export const PasswordAsk = z.object({
  askId: z.string().min(1).max(64),
  /** user@host:port/database, what the password is for. */
  target: z.string(),
  /** Host wall-clock ms after which the question counts as cancelled. */
  expiresAt: z.number(),
});
export type PasswordAsk = z.infer<typeof PasswordAsk>;

/** null cancels: the database check then fails with "no password". */
export const PasswordAnswer = z.object({ askId: z.string().min(1).max(64), password: z.string().min(1).max(1_024).nullable() }).strict();

export const ShiftChecklistItem = z.object({ id: z.string(), label: z.string(), doneAt: z.number().nullable() });

export const ShiftChecklist = z.object({
  id: z.string(),
  label: z.string(),
  cadence: z.enum(['daily', 'weekly', 'shift_end']),
  /** Local "HH:MM" the list is expected done by; null for any time. */
  dueBy: z.string().nullable(),
  items: z.array(ShiftChecklistItem),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Epoch ms when the list starts blank again. */
  resetsAt: z.number(),
});
export type ShiftChecklist = z.infer<typeof ShiftChecklist>;

export const ShiftView = z.object({
  role: OnCallRole,
  /** Epoch ms of the handoff that began this shift and of the one that ends it. */
  startsAt: z.number(),
  endsAt: z.number(),
  /** Epoch ms from which the handoff reminder shows (30 min before the end). */
  handoffReminderAt: z.number(),
  /** Whether the reminder was due when the view was made; the renderer re-judges with its clock. */
  reminderDue: z.boolean(),
  timeZone: z.string(),
  routines: z.array(ShiftChecklist),
  /** A debrief for every resolved SEV1, due the next business day, until held (and a day after). */
  debriefs: z.array(
    z.object({ incidentId: z.string(), title: z.string(), resolvedAt: z.number(), dueAt: z.number(), heldAt: z.number().nullable(), overdue: z.boolean() }),
  ),
  /** The break being taken, with who covers and when the alarm to come back goes off; null when none. */
  onBreak: ShiftBreak.nullable(),
  /** Host wall-clock ms the view was made at. */
  at: z.number(),
});
export type ShiftView = z.infer<typeof ShiftView>;

export const ShiftTickRequest = z.object({ listId: z.string().min(1).max(100), itemId: z.string().min(1).max(100), done: z.boolean() }).strict();

const Empty = z.object({}).strict();
const ExportedMarkdown = z.object({ filename: z.string(), mediaType: z.string(), text: z.string() });

export const checksCalls = {
  'checks.plan': { request: Empty, response: ChecksPlan },
  /** Starts a run and answers at once with the report reset for it; refused (conflict) while a run is going. */
  'checks.run': { request: ChecksRunRequest, response: AccessReport },
  /** The last saved report; null before the first run. */
  'checks.report': { request: Empty, response: AccessReport.nullable() },
  'checks.export': { request: Empty, response: ExportedMarkdown },
  'checks.manual': { request: ChecksManualRequest, response: AccessReport },
  'checks.answerPassword': { request: PasswordAnswer, response: z.null() },
  'shift.get': { request: Empty, response: ShiftView },
  'shift.tick': { request: ShiftTickRequest, response: ShiftView },
  /** The debrief after a SEV1 was held; not_found when the incident has none due. */
  /** A break: recorded with who covers and when to be back; conflict while one runs. */
  'shift.breakStart': {
    request: z.object({ minutes: z.number().int().min(1).max(120), coveredBy: z.string().trim().min(1).max(200), incidentId: z.string().max(40).nullable() }).strict(),
    response: ShiftView,
  },
  /** Back from the break; not_found when none runs. */
  'shift.breakEnd': { request: Empty, response: ShiftView },
  'shift.debriefHeld': { request: z.object({ incidentId: z.string().min(1).max(40) }).strict(), response: ShiftView },
} as const;

export const checksEvents = {
  'checks.progress': AccessReport,
  'checks.passwordAsk': PasswordAsk,
  /** The question was answered, cancelled or expired: every window closes its dialog. */
  'checks.passwordSettled': z.object({ askId: z.string() }),
  'shift.changed': ShiftView,
} as const;

export { AccessReport, CheckDefinition };
