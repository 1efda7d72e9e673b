/**
 * Firing the killswitch and proving it:
 *
 * 1. The intent goes on the audit log (fsync'd) before anything is sent.
 * 2. POST /api/v1/killswitch with one idempotency key, each attempt with its
 *    own deadline, repeated until an answer or SEND_DEADLINE_MS; through the
 *    prod host's SSH session when the API cannot be reached directly.
 * 3. Read back status and strategies until they show the halt, for up to
 *    VERIFY_WINDOW_MS (systems apply a halt within a moment, not at once).
 * 4. The outcome goes on the audit log, verified or NOT VERIFIED with what
 *    was seen and what to do next.
 *
 * All of it ends within MAX_TOTAL_MS, even against a system that accepts
 * connections and never answers. A failing audit log never stops the halt:
 * "when in doubt, activate it" (shared/domain.md); the outcome says so.
 */
import type { KillswitchActivation } from '../../contract/hft.js';
import type { KillswitchOutcome, SendPath } from '../../core/killswitch/outcome.js';
import { checkHalt, haltNextSteps, type DeskContact, type HaltCheck } from '../../core/killswitch/verify.js';
import type { AuditLog } from '../audit-log.js';
import type { Clock } from '../clock.js';
import type { HftClient } from '../hft/client.js';
import { systemTimers, type Timers } from '../hft/timers.js';
import { readBack, readOrder } from './read-back.js';
import { sendUntilDeadline } from './send.js';

/** No new POST after this long, ms (the 10 s). */
export const SEND_DEADLINE_MS = 10_000;
/** One POST's deadline, ms: a healthy API answers in milliseconds; four tries fit in the 10 s. */
export const ATTEMPT_TIMEOUT_MS = 2_000;
/** How long the read-back waits for the halt to show, ms. */
export const VERIFY_WINDOW_MS = 3_000;
/** One read's deadline during verification, ms. */
export const READ_TIMEOUT_MS = 1_500;
/** The whole of fire(), ms: the issue asks for a report within 15 s, with a margin for the audit writes. */
export const MAX_TOTAL_MS = 14_000;

export type KillswitchApi = Pick<HftClient, 'killswitch' | 'get'>;
export type AuditAppender = Pick<AuditLog, 'append'>;

/** What every guarded write (the killswitch, strategy stops) is sent and proven with. */
export interface GuardedWriteOptions<Api> {
  client: Api;
  /** The same API as a curl through the prod host's SSH session, when one is open. */
  sshFallback?: Api;
  audit: AuditAppender;
  clock: Clock;
  timers?: Timers;
  reason: string;
  desk: DeskContact;
  /** Who pressed it, for the audit log. */
  actor?: string;
  incidentId?: string;
  deadlineMs?: number;
  attemptTimeoutMs?: number;
  verifyWindowMs?: number;
  readTimeoutMs?: number;
}

export interface FireKillswitchOptions extends GuardedWriteOptions<KillswitchApi> {
  idempotencyKey: string;
}

/** Appends, and turns a failure into a message instead of a throw. */
export async function tryAppend(audit: AuditAppender, entry: Parameters<AuditAppender['append']>[0]): Promise<string | undefined> {
  try {
    await audit.append(entry);
    return undefined;
  } catch (error) {
    return `audit log: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export async function fireKillswitch(o: FireKillswitchOptions): Promise<KillswitchOutcome> {
  const timers = o.timers ?? systemTimers;
  const { clock, reason, idempotencyKey } = o;
  const start = clock.monotonic();
  const hardStopAt = start + MAX_TOTAL_MS;
  const who = { ...(o.actor ? { actor: o.actor } : {}), ...(o.incidentId ? { incidentId: o.incidentId } : {}) };

  const intentError = await tryAppend(o.audit, {
    type: 'killswitch.intent',
    ...who,
    data: { reason, idempotencyKey, sshFallback: o.sshFallback !== undefined },
  });

  const paths: Record<SendPath, KillswitchApi | undefined> = { direct: o.client, ssh: o.sshFallback };
  const send = (api: KillswitchApi) => (signal: AbortSignal) => api.killswitch(reason, { signal, idempotencyKey });
  const sent = await sendUntilDeadline<KillswitchActivation>({
    clock,
    timers,
    direct: send(o.client),
    ...(o.sshFallback ? { ssh: send(o.sshFallback) } : {}),
    deadlineMs: Math.min(o.deadlineMs ?? SEND_DEADLINE_MS, MAX_TOTAL_MS - READ_TIMEOUT_MS),
    attemptTimeoutMs: o.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS,
  });
  const answeredPath = sent.result.ok ? sent.path : null;

  // Read the way the write got through; else directly first, then over SSH.
  const first = answeredPath ? paths[answeredPath]! : o.client;
  const apis = readOrder(first, [o.client, o.sshFallback]);
  const verification = await readBack<HaltCheck>({
    clock,
    timers,
    apis,
    // Nothing was accepted: one read says where things stand; waiting would only delay the NOT VERIFIED.
    windowMs: sent.result.ok ? (o.verifyWindowMs ?? VERIFY_WINDOW_MS) : 0,
    hardStopAt,
    readTimeoutMs: o.readTimeoutMs ?? READ_TIMEOUT_MS,
    judge: async (read) => {
      const [status, strategies] = await Promise.all([read('status'), read('strategies')]);
      if (!status.ok) return { error: `status could not be read: ${status.failure.message}` };
      if (!strategies.ok) return { error: `strategies could not be read: ${strategies.failure.message}` };
      return { value: checkHalt(status.value, strategies.value) };
    },
    done: (check) => check.verified,
  });

  const check = verification.value;
  const verified = check?.verified === true;
  const seen = check ? [...check.seen] : [];
  if (verification.error && !verified) seen.push(verification.error);
  const error = sent.result.ok ? undefined : sent.result.failure.message;
  if (error) seen.unshift(`the killswitch request got no good answer after ${sent.attempts} attempt${sent.attempts === 1 ? '' : 's'}: ${error}`);

  const outcome: KillswitchOutcome = {
    verified,
    verifiedAt: verified ? verification.at : null,
    strategiesStopped: check?.strategiesStopped ?? 0,
    seen,
    nextSteps: haltNextSteps(check, reason, o.desk),
    attempts: sent.attempts,
    path: answeredPath,
    ...(error ? { error } : {}),
    elapsedMs: clock.monotonic() - start,
    reason,
    idempotencyKey,
  };
  const outcomeError = await tryAppend(o.audit, { type: 'killswitch.outcome', ...who, data: outcome });
  const auditError = [intentError, outcomeError].filter(Boolean).join('; ');
  return auditError ? { ...outcome, auditError } : outcome;
}
