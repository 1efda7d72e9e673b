/**
 * The playbook: what the team's procedures define, as data the engineer can
 * read, edit, import and export. Severities with their response times, the
 * escalation ladder and its timers, the contact directory, the working
 * calendar for "next business day", and the five alert scenarios with their
 * detection thresholds and runbooks.
 *
 * The zod schemas are the single source of truth: the types are z.infer of
 * them, and every imported file goes through `parsePlaybook` (parse.ts).
 */
import { z } from 'zod';
import { ChangePolicy, DEFAULT_CHANGE_POLICY } from '../change/window.js';
import { DEFAULT_HOLD_SECONDS } from './holds.js';
import { migratePlaybook } from './migrate.js';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const Severity = z.enum(SEVERITIES, { error: 'expected one of SEV1, SEV2, SEV3, SEV4' });
export type Severity = z.infer<typeof Severity>;

/** Lower is more urgent: SEV1 ranks 1. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s) + 1;
/** The more urgent of two severities. */
export const moreUrgent = (a: Severity, b: Severity): Severity => (severityRank(a) <= severityRank(b) ? a : b);

export const SCENARIO_IDS = ['exchange_disconnected', 'high_latency', 'loss_limit', 'system_down', 'disk_low'] as const;
export const ScenarioId = z.enum(SCENARIO_IDS);
export type ScenarioId = z.infer<typeof ScenarioId>;

/** The playbook file format; bumped only when old files need migrating (migrate.ts reads format 1). */
export const PLAYBOOK_FORMAT = 2;

const positive = (what = 'a positive number') =>
  z.number({ error: `expected ${what}` }).positive({ error: `expected ${what}` });
const percent = z
  .number({ error: 'expected a percentage between 0 and 100' })
  .gt(0, { error: 'expected a percentage between 0 and 100' })
  .lte(100, { error: 'expected a percentage between 0 and 100' });
const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'expected non-empty text' });
const id = z
  .string({ error: 'expected an identifier' })
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'expected an identifier of lowercase letters, digits, - and _' });

/** Minutes, or the literal "next_business_day" (due by the calendar's due time, see time/business-days.ts). */
const RESPONSE_TIME_EXPECTED = 'a positive number of minutes or "next_business_day"';
export const ResponseTime = z.union([positive(RESPONSE_TIME_EXPECTED), z.literal('next_business_day')], {
  error: `expected ${RESPONSE_TIME_EXPECTED}`,
});
export type ResponseTime = z.infer<typeof ResponseTime>;

/**
 * When "Escalate to Level 2" comes due for a severity, and from which moment
 * it counts: `start` the incident's start, `severity` when it became this
 * severe (a SEV3 raised to SEV1 pages Level 2 minutes after the raise, not
 * at once), `engaged` when someone engaged (no clock before that).
 */
export const Level2Clock = z.strictObject({
  afterMinutes: positive(),
  from: z.enum(['start', 'severity', 'engaged'], { error: 'expected "start", "severity" or "engaged"' }),
});
export type Level2Clock = z.infer<typeof Level2Clock>;

export const SeverityPolicy = z.strictObject({
  /** Plain word for the level, e.g. "critical". */
  label: text,
  ackMinutes: ResponseTime,
  engageMinutes: ResponseTime,
  /** Cadence of status updates while open; null: one update when resolved. */
  statusUpdateMinutes: positive().nullable(),
  /** Whether a final status update closes the incident. */
  finalUpdate: z.boolean({ error: 'expected true or false' }),
  /** Minutes from the start to tell the trading desk; null: not required. */
  notifyDeskMinutes: positive().nullable(),
  /** Minutes from the start to tell management; null: not required. */
  notifyManagementMinutes: positive().nullable(),
  /** Whether the public status page is updated for incidents of this level. */
  statusPage: z.boolean({ error: 'expected true or false' }),
  /** The Level 2 clock; null: no clock (Level 2 only when the engineer escalates). */
  escalateLevel2: Level2Clock.nullable(),
  /** Directory ids of the channels this level's status updates go to (the status page is added when `statusPage`). */
  updateChannels: z.array(id),
});
export type SeverityPolicy = z.infer<typeof SeverityPolicy>;

export const Contact = z.strictObject({
  id,
  name: text,
  /** What they are called for, e.g. "Level 2 escalation". */
  role: text,
  email: z.string().optional(),
  phone: z.string().optional(),
  url: z.string().optional(),
  notes: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;

export const EscalationLevel = z.strictObject({
  level: z.number().int().min(1, { error: 'expected a level number from 1' }),
  name: text,
  /** When to go to this level, in plain words. */
  triggers: z.array(text),
  /** Contact ids from the directory. */
  contacts: z.array(id),
});
export type EscalationLevel = z.infer<typeof EscalationLevel>;

export const Escalation = z.strictObject({
  levels: z.array(EscalationLevel).min(1, { error: 'expected at least one level' }),
  /** A major outage unresolved this long goes to Level 3. */
  level3AfterMinutes: positive(),
  /** Severities that count as a major outage for the Level 3 timer. */
  level3Severities: z.array(Severity),
  /**
   * The secondary takes over when the primary has not acknowledged within
   * this, from the start; not for severities acknowledged next business day.
   */
  secondaryTakeoverMinutes: positive(),
  /** Acknowledged but not engaged this long after: the alert is not understood, escalate. */
  notUnderstoodMinutes: positive(),
  /** Today's loss beyond this while an incident is open is a high financial impact: Level 3 at once, USD. */
  financialImpactUsd: positive('a positive amount in USD'),
  /** Directory ids called for the desk and management notifications. */
  deskContact: id,
  managementContact: id,
  /** Directory ids called at once for a security incident and for a regulatory one. */
  securityContact: id,
  complianceContact: id,
  /** Reasons to escalate whatever the clock says. */
  whenToEscalate: z.array(text),
  /** How to hand an incident to the next level. */
  howToEscalate: z.array(text),
});
export type Escalation = z.infer<typeof Escalation>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a local time as HH:MM' });

export const BusinessDays = z.strictObject({
  /** IANA zone, e.g. "Europe/London". */
  timeZone: text,
  /** 0 Sunday ... 6 Saturday. */
  workdays: z.array(z.number().int().min(0).max(6)).min(1, { error: 'expected at least one working weekday' }),
  /** Local "HH:MM" a next-business-day item is due by. */
  dueTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a local time as HH:MM' }),
  /** Local dates "YYYY-MM-DD" that are not working days. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })),
  /**
   * Local working hours on a business day; outside them (or off a business
   * day) is off-hours, when a SEV1 outage may be restarted without approval.
   * Absent from older files: 09:00-18:00.
   */
  hours: z
    .strictObject({ from: HHMM, to: HHMM })
    .refine((h) => h.from < h.to, { error: 'expected working hours that end after they start' })
    .default({ from: '09:00', to: '18:00' }),
});
export type BusinessDays = z.infer<typeof BusinessDays>;

export const RunbookStep = z.strictObject({
  id,
  text,
  /**
   * A command the engineer can put in the terminal (never run unseen).
   * Placeholders in braces are filled from the incident: {exchange}, {host}.
   */
  command: z.string().min(1).optional(),
  link: z.string().min(1).optional(),
});
export type RunbookStep = z.infer<typeof RunbookStep>;

/**
 * `afterMinutes`: Level 2 due this long after the start ("not reconnected
 * after 30 minutes"); `atSeverity`: due the moment the incident reaches that
 * severity ("sustained latency: escalate").
 */
export const ScenarioLevel2 = z.strictObject({
  afterMinutes: positive().optional(),
  atSeverity: Severity.optional(),
});
export type ScenarioLevel2 = z.infer<typeof ScenarioLevel2>;

/**
 * How long a condition must hold without a break before its incident opens,
 * in seconds: Prometheus' `for`. A reading that does not show it starts
 * the wait again; stale data neither ends it nor confirms it. 0 opens on
 * the first reading.
 */
const holdSeconds = (byDefault: number) =>
  z.number({ error: 'expected a number of seconds, 0 or more' }).min(0, { error: 'expected a number of seconds, 0 or more' }).default(byDefault);

const scenario = <D extends z.ZodType>(detection: D, id: ScenarioId) =>
  z.strictObject({
    title: text,
    /** What the alert means, one or two sentences. */
    summary: text,
    holdSeconds: holdSeconds(DEFAULT_HOLD_SECONDS[id]),
    detection,
    runbook: z.array(RunbookStep),
    /** When to escalate beyond the clocks, in plain words. */
    escalateIf: text,
    /** The scenario's own Level 2 clock, beside the severity's: whichever comes first. */
    escalateLevel2: ScenarioLevel2,
  });

export const ExchangeDetection = z.strictObject({
  severity: Severity,
  /** Severity once `severalCount` exchanges or more are down at once. */
  severityWhenSeveral: Severity,
  severalCount: z.number().int().min(2, { error: 'expected a count of at least 2' }),
});
export const LatencyDetection = z.strictObject({
  /** Order round-trip p99 above this is high, ms (status.latency.order_p99_ms). */
  orderP99ThresholdMs: positive('a positive number of milliseconds'),
  severity: Severity,
  /** High for longer than this without a break raises the severity. */
  sustainedMinutes: positive(),
  sustainedSeverity: Severity,
});
export const LossLimitDetection = z.strictObject({
  /** Share of the daily loss limit used at which the alert opens, %. */
  approachingPct: percent,
  /** The mark where the engineer gets ready to kill and stops losing strategies, %. */
  prepareKillPct: percent,
  /** The mark where the system fires the killswitch by itself, %. */
  killswitchPct: percent,
  severity: Severity,
  /**
   * A single strategy's loss today is shown as alarming (red, "losing")
   * only above this share of the daily loss limit, %: on a normal day many
   * strategies sit a little below zero, and red on all of them hides the
   * one that matters. Playbooks written before it get the default.
   */
  strategyLossAlarmPct: percent.default(5),
});
export const SystemDownDetection = z.strictObject({
  /**
   * Failed health checks in a row needed, beside the hold time, before the
   * incident opens: one failed check is a blip however long the next one
   * takes to come.
   */
  failedHealthChecks: z.number().int().min(1, { error: 'expected a count of at least 1' }),
  severity: Severity,
});
export const DiskDetection = z.strictObject({
  /** Disk use above this opens the alert, %. */
  warnPct: percent,
  severity: Severity,
  /** Disk use above this raises it, %. */
  criticalPct: percent,
  criticalSeverity: Severity,
});

export const Scenarios = z.strictObject({
  exchange_disconnected: scenario(ExchangeDetection, 'exchange_disconnected'),
  high_latency: scenario(LatencyDetection, 'high_latency'),
  loss_limit: scenario(LossLimitDetection, 'loss_limit'),
  system_down: scenario(SystemDownDetection, 'system_down'),
  disk_low: scenario(DiskDetection, 'disk_low'),
});
export type Scenarios = z.infer<typeof Scenarios>;
export type Scenario = Scenarios[ScenarioId];

export const Alerting = z.strictObject({
  /**
   * A condition must stay clear this long before its incident is told so:
   * a flapping exchange or a latency spike that comes back within the window
   * keeps the same incident quiet instead of clearing and re-raising it.
   */
  clearAfterSeconds: positive('a positive number of seconds'),
  /**
   * A condition that comes back within this long after its incident was
   * resolved reopens that incident; later, it opens a new one that names the
   * earlier. Defaults to 30 for playbook files that predate it.
   */
  recurWithinMinutes: positive('a positive number of minutes').default(30),
});

export const Communication = z.strictObject({
  /** Directory id of the public status page. */
  statusPageContact: id,
  /** Words that make a status update speculation rather than fact (lower case; matched as whole words). */
  speculationWords: z.array(text),
});
export type Communication = z.infer<typeof Communication>;

/** The "where to start" decision tree's numbers. */
export const DecisionTree = z.strictObject({
  /** "Can a runbook fix it within this many minutes?" */
  runbookMinutes: positive(),
  /** Investigating within one's expertise: stakeholders hear this often, whatever the severity's cadence. */
  investigateUpdateMinutes: positive(),
});
export type DecisionTree = z.infer<typeof DecisionTree>;

const PlaybookFields = z.strictObject({
  format: z.literal(PLAYBOOK_FORMAT, { error: `expected ${PLAYBOOK_FORMAT}` }),
  /** Revision of this playbook's content; raised on every saved edit. */
  version: z.number().int({ error: 'expected a whole number' }).min(1, { error: 'expected a whole number from 1' }),
  name: text,
  severities: z.strictObject({ SEV1: SeverityPolicy, SEV2: SeverityPolicy, SEV3: SeverityPolicy, SEV4: SeverityPolicy }),
  escalation: Escalation,
  contacts: z.array(Contact),
  businessDays: BusinessDays,
  alerting: Alerting,
  scenarios: Scenarios,
  communication: Communication,
  decisionTree: DecisionTree,
  /** When changes may run: the preferred window, and the market opens and volatile periods to avoid. Absent from older files: the procedures'. */
  changeWindows: ChangePolicy.default(DEFAULT_CHANGE_POLICY),
});

/** A playbook file of any format this cockpit reads, brought to the current one first. */
export const Playbook = z.preprocess(migratePlaybook, PlaybookFields);
export type Playbook = z.infer<typeof PlaybookFields>;
