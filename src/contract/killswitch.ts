/**
 * The killswitch and strategy stops, as they cross the host boundary.
 *
 * The killswitch is armed in two steps: `killswitch.prepare` hands the
 * renderer a short-lived, single-use token minted by the host; only
 * `killswitch.fire` with that token and a reason sends anything. A fire
 * without a token the host minted, or with one already spent or expired,
 * answers `unauthorized` and sends nothing.
 *
 * The outcomes are the core's (src/core/killswitch/outcome.ts) as schemas,
 * so what the host sends and what the dialog reads are one shape; the host
 * adds the headline in the engineer's time zone and the incident it opened
 * or updated.
 */
import { z } from 'zod';
import type { KillswitchOutcome as CoreKillswitchOutcome, StopOutcome as CoreStopOutcome } from '../core/killswitch/outcome.js';

/** Longest reason, characters: the same limit the host's arming applies (a sentence or two for the audit log and the desk). */
export const KILLSWITCH_REASON_MAX_CHARS = 500;
/** Most strategies one stop names: a production book is a few hundred; the simulator's scale test has 1,000. */
export const STOP_MAX_IDS = 2_000;

const Reason = z.string().trim().min(1, { error: 'a reason is required' }).max(KILLSWITCH_REASON_MAX_CHARS);

export const NextStep = z.object({
  text: z.string(),
  command: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type NextStep = z.infer<typeof NextStep>;

const SendPath = z.enum(['direct', 'ssh']);

export const KillswitchOutcome = z.object({
  verified: z.boolean(),
  verifiedAt: z.number().nullable(),
  strategiesStopped: z.number().int().nonnegative(),
  seen: z.array(z.string()),
  nextSteps: z.array(NextStep),
  attempts: z.number().int().nonnegative(),
  path: SendPath.nullable(),
  error: z.string().optional(),
  elapsedMs: z.number().nonnegative(),
  reason: z.string(),
  idempotencyKey: z.string(),
  auditError: z.string().optional(),
});
export type KillswitchOutcome = z.infer<typeof KillswitchOutcome>;

export const StopOutcome = z.object({
  verified: z.boolean(),
  verifiedAt: z.number().nullable(),
  ids: z.array(z.string()),
  stopped: z.array(z.string()),
  notStopped: z.array(z.string()),
  seen: z.array(z.string()),
  nextSteps: z.array(NextStep),
  attempts: z.number().int().nonnegative(),
  path: SendPath.nullable(),
  error: z.string().optional(),
  elapsedMs: z.number().nonnegative(),
  reason: z.string(),
  auditError: z.string().optional(),
});
export type StopOutcome = z.infer<typeof StopOutcome>;

/** The trading desk as the playbook in force names it: whom to call once the halt is sent. */
export const DeskContact = z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() });
export type DeskContact = z.infer<typeof DeskContact>;

export const KillswitchPrepared = z.object({
  token: z.string(),
  /** Host wall clock, ms; prepare again after it. */
  expiresAt: z.number(),
});
export type KillswitchPrepared = z.infer<typeof KillswitchPrepared>;

export const KillswitchFireRequest = z.object({ token: z.string().min(1).max(200), reason: Reason }).strict();
export type KillswitchFireRequest = z.infer<typeof KillswitchFireRequest>;

export const KillswitchFireAnswer = z.object({
  outcome: KillswitchOutcome,
  /** "Trading halted, verified at 14:03:07, 24 strategies stopped" or "NOT VERIFIED: …", in the engineer's zone. */
  headline: z.string(),
  /** The SEV1 incident opened or updated for it; null when the incident could not be recorded. */
  incidentId: z.string().nullable(),
  desk: DeskContact,
});
export type KillswitchFireAnswer = z.infer<typeof KillswitchFireAnswer>;

export const StrategiesStopRequest = z
  .object({
    ids: z.array(z.string().min(1).max(200)).min(1).max(STOP_MAX_IDS),
    reason: Reason,
    /** The incident the stop belongs to (an exchange down, the loss limit); the stop goes on its timeline. */
    incidentId: z.string().min(1).max(40).optional(),
  })
  .strict();
export type StrategiesStopRequest = z.infer<typeof StrategiesStopRequest>;

export const StrategiesStopAnswer = z.object({
  outcome: StopOutcome,
  headline: z.string(),
  desk: DeskContact,
});
export type StrategiesStopAnswer = z.infer<typeof StrategiesStopAnswer>;

const Empty = z.object({}).strict();

export const killswitchCalls = {
  'killswitch.prepare': { request: Empty, response: KillswitchPrepared },
  /** unauthorized: no token from this host, or one spent or expired; nothing is sent. */
  'killswitch.fire': { request: KillswitchFireRequest, response: KillswitchFireAnswer },
  'strategies.stop': { request: StrategiesStopRequest, response: StrategiesStopAnswer },
} as const;

// The schemas must describe the core's values exactly; these fail compilation when either side drifts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const killswitchOutcomeMatchesCore: Same<KillswitchOutcome, CoreKillswitchOutcome> = true;
const stopOutcomeMatchesCore: Same<StopOutcome, CoreStopOutcome> = true;
void killswitchOutcomeMatchesCore;
void stopOutcomeMatchesCore;
