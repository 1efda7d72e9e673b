/**
 * Stopping strategies the way the killswitch is fired, lighter: one
 * strategy, every strategy on an exchange, or the ones losing today
 * (selected with src/core/killswitch/select.ts). Intent on the audit log,
 * one POST per strategy (all at once, each retried until the deadline),
 * then the list read back until the asked-for ones show "stopped".
 *
 * A stop needs no idempotency key: stopping a stopped strategy answers 200
 * and changes nothing, so a repeat is harmless.
 */
import type { StrategyCommandResult } from '../../contract/hft.js';
import type { SendPath, StopOutcome } from '../../core/killswitch/outcome.js';
import { checkStops, stopNextSteps, type DeskContact, type StopCheck } from '../../core/killswitch/verify.js';
import type { Clock } from '../clock.js';
import type { HftClient } from '../hft/client.js';
import { systemTimers, type Timers } from '../hft/timers.js';
import { ATTEMPT_TIMEOUT_MS, MAX_TOTAL_MS, READ_TIMEOUT_MS, SEND_DEADLINE_MS, tryAppend, VERIFY_WINDOW_MS, type GuardedWriteOptions } from './fire.js';
import { readBack, readOrder } from './read-back.js';
import { sendUntilDeadline, type SendResult } from './send.js';

export type StopApi = Pick<HftClient, 'stopStrategy' | 'get'>;

export interface StopStrategiesOptions extends GuardedWriteOptions<StopApi> {
  ids: readonly string[];
}

export async function stopStrategies(o: StopStrategiesOptions): Promise<StopOutcome> {
  const timers = o.timers ?? systemTimers;
  const { clock, reason } = o;
  const ids = [...new Set(o.ids)];
  const start = clock.monotonic();
  const who = { ...(o.actor ? { actor: o.actor } : {}), ...(o.incidentId ? { incidentId: o.incidentId } : {}) };
  const intentError = await tryAppend(o.audit, { type: 'strategies.stop.intent', ...who, data: { ids, reason } });

  const send = (api: StopApi, id: string) => (signal: AbortSignal) => api.stopStrategy(id, reason, { signal });
  const results: SendResult<StrategyCommandResult>[] = await Promise.all(
    ids.map((id) =>
      sendUntilDeadline<StrategyCommandResult>({
        clock,
        timers,
        direct: send(o.client, id),
        ...(o.sshFallback ? { ssh: send(o.sshFallback, id) } : {}),
        deadlineMs: Math.min(o.deadlineMs ?? SEND_DEADLINE_MS, MAX_TOTAL_MS - READ_TIMEOUT_MS),
        attemptTimeoutMs: o.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS,
      }),
    ),
  );
  const answered = results.filter((r) => r.result.ok);
  const path: SendPath | null = answered.some((r) => r.path === 'ssh') ? 'ssh' : answered.length > 0 ? 'direct' : null;
  const failures = results.flatMap((r, i) => (r.result.ok ? [] : [`${ids[i]}: ${r.result.failure.message}`]));

  const first = path === 'ssh' ? o.sshFallback! : o.client;
  const apis = readOrder(first, [o.client, o.sshFallback]);
  const verification = await readBack<StopCheck>({
    clock,
    timers,
    apis,
    windowMs: answered.length > 0 ? (o.verifyWindowMs ?? VERIFY_WINDOW_MS) : 0,
    hardStopAt: start + MAX_TOTAL_MS,
    readTimeoutMs: o.readTimeoutMs ?? READ_TIMEOUT_MS,
    judge: async (read) => {
      const strategies = await read('strategies');
      return strategies.ok ? { value: checkStops(strategies.value, ids) } : { error: `strategies could not be read: ${strategies.failure.message}` };
    },
    done: (check) => check.verified,
  });

  const check = verification.value;
  const verified = check?.verified === true && ids.length > 0;
  const seen = [...failures.map((f) => `stop got no good answer: ${f}`), ...(check?.seen ?? [])];
  if (verification.error && !verified) seen.push(verification.error);
  const outcome: StopOutcome = {
    verified,
    verifiedAt: verified ? verification.at : null,
    ids,
    stopped: check?.stopped ?? [],
    notStopped: check ? [...check.notStopped.map((n) => n.id), ...check.missing] : ids,
    seen,
    nextSteps: stopNextSteps(check, ids, reason, o.desk),
    attempts: results.reduce((n, r) => n + r.attempts, 0),
    path,
    ...(failures.length > 0 ? { error: failures.join('; ') } : {}),
    elapsedMs: clock.monotonic() - start,
    reason,
  };
  const outcomeError = await tryAppend(o.audit, { type: 'strategies.stop.outcome', ...who, data: outcome });
  const auditError = [intentError, outcomeError].filter(Boolean).join('; ');
  return auditError ? { ...outcome, auditError } : outcome;
}
