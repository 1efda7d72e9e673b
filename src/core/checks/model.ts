/**
 * The pre-shift access checks as data: what each check is, the state it is
 * in, and the report the engineer saves and exports. Schemas are zod so a
 * saved report is validated when it is read back; types are z.infer of them.
 */
import { z } from 'zod';

export const CheckKind = z.enum([
  'ssh', // connect to a host (host key verified) and run `hostname`
  'sudo', // `sudo -n systemctl status hft_system` on a host
  'api_health', // GET /api/v1/health, directly
  'api_health_via_ssh', // the same through the SSH forward to the host's localhost:8080
  'api_write_key', // the configured write key is accepted, without firing anything
  'database', // SELECT 1 as hft_user on hft_db
  'local_shell', // the cockpit's own local shell starts and runs a command (the demo's stand-in for the hosts)
  'manual', // something only the engineer can verify: a checkbox
]);
export type CheckKind = z.infer<typeof CheckKind>;

/**
 * pending:     not run yet (or reset for a re-run); a manual item not ticked yet.
 * running:     in flight.
 * passed / failed: the automated check's verdict.
 * skipped:     not run because a check it depends on failed.
 * manual_done: the engineer ticked a manual item.
 * not_configured: nothing to run it against (the demo watches no production
 *              host or database); the message says how to configure it.
 */
export const CheckState = z.enum(['pending', 'running', 'passed', 'failed', 'skipped', 'manual_done', 'not_configured']);
export type CheckState = z.infer<typeof CheckState>;

export const CheckDefinition = z.object({
  /** Stable within a report, e.g. `ssh:hft-prod-01`. */
  id: z.string().min(1),
  kind: CheckKind,
  /** What the engineer reads, e.g. "SSH to hft-prod-01". */
  label: z.string().min(1),
  /** The host, URL or database the check is about, for the report; null for manual items. */
  target: z.string().nullable(),
  /** Checks that must pass first (sudo after its host's SSH connect). */
  dependsOn: z.array(z.string()),
  /** Deadline of the whole check, ms; null for manual items. */
  timeoutMs: z.number().int().positive().nullable(),
  /** Set when there is nothing to run the check against: how to configure it. The check is never run. */
  howToConfigure: z.string().min(1).optional(),
});
export type CheckDefinition = z.infer<typeof CheckDefinition>;

export const CheckEntry = CheckDefinition.extend({
  state: CheckState,
  /** Wall-clock ms when the check started (or the manual item was ticked). */
  startedAt: z.number().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  /** The result in the engineer's words. */
  message: z.string().nullable(),
  /** The likely fix, when the check failed. */
  hint: z.string().nullable(),
  /** The error as the library or the remote command gave it, behind a disclosure. */
  rawError: z.string().nullable(),
});
export type CheckEntry = z.infer<typeof CheckEntry>;

export const AccessReport = z.object({
  /** Who ran the checks (the engineer's name or login). */
  engineer: z.string(),
  /** Wall-clock ms when the run began. */
  startedAt: z.number(),
  /** Wall-clock ms when the last automated check settled; null while any runs. */
  finishedAt: z.number().nullable(),
  checks: z.array(CheckEntry),
});
export type AccessReport = z.infer<typeof AccessReport>;

/** What a finished automated check hands back. */
export interface CheckOutcome {
  state: 'passed' | 'failed' | 'skipped';
  message: string;
  hint: string | null;
  rawError: string | null;
}

export const isAutomated = (kind: CheckKind) => kind !== 'manual';

/** A settled state: nothing more will happen to the check until it is re-run. */
export const isSettled = (state: CheckState) =>
  state === 'passed' || state === 'failed' || state === 'skipped' || state === 'manual_done' || state === 'not_configured';

export const isOk = (state: CheckState) => state === 'passed' || state === 'manual_done';

export function pendingEntry(definition: CheckDefinition): CheckEntry {
  if (definition.howToConfigure !== undefined) {
    return { ...definition, state: 'not_configured', startedAt: null, durationMs: null, message: definition.howToConfigure, hint: null, rawError: null };
  }
  return { ...definition, state: 'pending', startedAt: null, durationMs: null, message: null, hint: null, rawError: null };
}

export function newReport(engineer: string, definitions: readonly CheckDefinition[], at: number): AccessReport {
  return { engineer, startedAt: at, finishedAt: null, checks: definitions.map(pendingEntry) };
}
