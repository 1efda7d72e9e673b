/**
 * Firing the killswitch and proving it:
 *
 * 1. POST /api/v1/killswitch at once, with one idempotency key. The intent
 *    goes to the audit log at the same moment, never ahead of the request:
 *    a slow or broken disk must not delay a halt ("when in doubt, activate
 *    it", shared/domain.md).
 * 2. The request stays open until SEND_DEADLINE_MS, however slow the system
 *    is; it is repeated only after a connection failure or a 5xx, over SSH
 *    too when the API cannot be reached directly (send.ts).
 * 3. Meanwhile status and strategies are read back, so a halt that landed
 *    is seen within a read of landing, answered or not; after an answer the
 *    reads go on for VERIFY_WINDOW_MS (systems apply a halt within a moment,
 *    not at once).
 * 4. The outcome goes to the audit log: verified, or NOT VERIFIED with what
 *    was seen, the real cause and what to do next. A record that failed, or
 *    is not on disk yet, is named in the outcome (`auditError`).
 *
 * All of it ends within MAX_TOTAL_MS, even against a system that accepts
 * connections and never answers.
 */
import type { KillswitchActivation } from '../../contract/hft.js';
import type { KillswitchOutcome, SendPath } from '../../core/killswitch/outcome.js';
import { checkHalt, haltNextSteps, type DeskContact, type HaltCheck } from '../../core/killswitch/verify.js';
import type { AuditLog } from '../audit-log.js';
import type { Clock } from '../clock.js';
import type { HftClient } from '../hft/client.js';
import { systemTimers, type Timers } from '../hft/timers.js';
import { readOrder, sendAndReadBack, type ReadApi } from './read-back.js';
import { describeFailures, sendUntilDeadline, waitAtMost, type SendResult } from './send.js';

/** No new POST after this long, ms (the 10 s). */
export const SEND_DEADLINE_MS = 10_000;
/** How long the read-back waits for the halt to show, ms. */
export const VERIFY_WINDOW_MS = 3_000;
/** One read's deadline during verification, ms. */
export const READ_TIMEOUT_MS = 1_500;
/** The whole of fire(), ms: the issue asks for a report within 15 s, with a margin for the audit writes. */
export const MAX_TOTAL_MS = 14_000;
/** How long the outcome waits for its audit records to reach the disk, ms; past it they are reported late, not waited for. */
export const AUDIT_GRACE_MS = 500;

export type KillswitchApi = Pick<HftClient, 'killswitch' | 'get'>;
export type AuditAppender = Pick<AuditLog, 'append'>;

/** What every guarded write (the killswitch, strategy stops) is sent and proven with. */
export interface GuardedWriteOptions<Api> {
  client: Api;
  /** The same API as a curl through the prod host's SSH session, when one is open (looked up while the first request is out). */
  sshFallback?: Api | Promise<Api | undefined>;
  audit: AuditAppender;
  clock: Clock;
  timers?: Timers;
  reason: string;
  desk: DeskContact;
  /** Who pressed it, for the audit log. */
  actor?: string;
  incidentId?: string;
  deadlineMs?: number;
  verifyWindowMs?: number;
  readTimeoutMs?: number;
}

export interface FireKillswitchOptions extends GuardedWriteOptions<KillswitchApi> {
  idempotencyKey: string;
}

/**
 * The audit records of one guarded write: each appended the moment it is
 * known, none waited on before anything is sent. `settle` waits a moment
 * for them at the end and names any that failed or are not on disk yet;
 * a late one is still written when the log catches up.
 */
export function auditBeside(audit: AuditAppender, timers: Timers) {
  const records: { what: string; done: boolean; error?: string; written: Promise<void> }[] = [];
  return {
    record(what: string, entry: Parameters<AuditAppender['append']>[0]): void {
      const r: (typeof records)[number] = { what, done: false, written: Promise.resolve() };
      const failed = (error: unknown) => {
        r.done = true;
        r.error = error instanceof Error ? error.message : String(error);
      };
      try {
        r.written = audit.append(entry).then(() => {
          r.done = true;
        }, failed);
      } catch (error) {
        failed(error);
      }
      records.push(r);
    },
    async settle(graceMs: number): Promise<string | undefined> {
      await waitAtMost(timers, graceMs, Promise.all(records.map((r) => r.written)));
      const problems = records.flatMap((r) =>
        r.error !== undefined
          ? [`audit log: the ${r.what} record failed (${r.error})`]
          : r.done
            ? []
            : [`audit log: the ${r.what} record was not on disk within ${Math.round(graceMs)} ms; it is written when the log catches up`],
      );
      return problems.length > 0 ? problems.join('; ') : undefined;
    },
  };
}

/** What the sends came to, in the outcome's words. */
export function sendSummary<T>(sent: SendResult<T>): { accepted: boolean; error?: string } {
  const accepted = sent.result.ok || sent.answeredUnreadable;
  if (sent.result.ok) return { accepted };
  if (sent.stopped) return { accepted };
  return { accepted, error: describeFailures(sent.failures) || sent.result.failure.message };
}

/** Read paths: the way the write went first, then the other (the SSH one looked up only when needed). */
export function readPaths<Api extends ReadApi>(client: Api, ssh: Promise<Api | undefined>) {
  return async (answeredPath: SendPath | null): Promise<readonly ReadApi[]> => {
    const viaSsh = await ssh;
    return readOrder(answeredPath === 'ssh' && viaSsh ? viaSsh : client, [client, viaSsh]);
  };
}

export async function fireKillswitch(o: FireKillswitchOptions): Promise<KillswitchOutcome> {
  const timers = o.timers ?? systemTimers;
  const { clock, reason, idempotencyKey } = o;
  const start = clock.monotonic();
  const hardStopAt = start + MAX_TOTAL_MS;
  const who = { ...(o.actor ? { actor: o.actor } : {}), ...(o.incidentId ? { incidentId: o.incidentId } : {}) };
  const records = auditBeside(o.audit, timers);
  const ssh = Promise.resolve(o.sshFallback).catch(() => undefined);

  const send = (api: KillswitchApi) => (signal: AbortSignal) => api.killswitch(reason, { signal, idempotencyKey });
  const sending = (stop: AbortSignal) => {
    const sent = sendUntilDeadline<KillswitchActivation>({
      clock,
      timers,
      direct: send(o.client),
      ...(o.sshFallback ? { ssh: ssh.then((api) => (api ? send(api) : undefined)) } : {}),
      deadlineMs: Math.min(o.deadlineMs ?? SEND_DEADLINE_MS, MAX_TOTAL_MS - READ_TIMEOUT_MS),
      stop,
    });
    return sent.then((s) => ({ ...s, accepted: sendSummary(s).accepted }));
  };
  // The request is on its way before the intent is even queued behind other records.
  const written = sendAndReadBack<HaltCheck, SendResult<KillswitchActivation> & { accepted: boolean }>({
    clock,
    timers,
    send: sending,
    apis: readPaths<KillswitchApi>(o.client, ssh),
    windowMs: o.verifyWindowMs ?? VERIFY_WINDOW_MS,
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
  records.record('intent', {
    type: 'killswitch.intent',
    ...who,
    data: { reason, idempotencyKey, sshFallback: o.sshFallback !== undefined },
  });
  const { sent, verification } = await written;

  const check = verification.value;
  const verified = check?.verified === true;
  const seen = check ? [...check.seen] : [];
  if (verification.error && !verified) seen.push(verification.error);
  const summary = sendSummary(sent);
  const error = verified ? undefined : summary.error;
  if (error) seen.unshift(`the killswitch request got no good answer after ${sent.attempts} attempt${sent.attempts === 1 ? '' : 's'}: ${error}`);
  if (verified && !sent.result.ok) seen.push(`the halt showed on read-back before the request was answered (${sent.attempts} sent)`);

  const outcome: KillswitchOutcome = {
    verified,
    verifiedAt: verified ? verification.at : null,
    strategiesStopped: check?.strategiesStopped ?? 0,
    seen,
    nextSteps: haltNextSteps(check, reason, o.desk),
    attempts: sent.attempts,
    path: sent.result.ok || sent.answeredUnreadable ? sent.path : null,
    ...(error ? { error } : {}),
    elapsedMs: clock.monotonic() - start,
    reason,
    idempotencyKey,
  };
  records.record('outcome', { type: 'killswitch.outcome', ...who, data: outcome });
  const auditError = await records.settle(Math.min(AUDIT_GRACE_MS, Math.max(0, hardStopAt - clock.monotonic())));
  return auditError ? { ...outcome, auditError } : outcome;
}
