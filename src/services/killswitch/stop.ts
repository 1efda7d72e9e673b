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
import { checkStops, stopNextSteps, type StopCheck } from '../../core/killswitch/verify.js';
import type { HftClient } from '../hft/client.js';
import { systemTimers } from '../hft/timers.js';
import {
  AUDIT_GRACE_MS,
  auditBeside,
  MAX_TOTAL_MS,
  READ_TIMEOUT_MS,
  readPaths,
  SEND_DEADLINE_MS,
  sendSummary,
  VERIFY_WINDOW_MS,
  type GuardedWriteOptions,
} from './fire.js';
import { sendAndReadBack } from './read-back.js';
import { sendUntilDeadline, type SendResult } from './send.js';

export type StopApi = Pick<HftClient, 'stopStrategy' | 'get'>;

export interface StopStrategiesOptions extends GuardedWriteOptions<StopApi> {
  ids: readonly string[];
}

interface StopsSent {
  results: SendResult<StrategyCommandResult>[];
  accepted: boolean;
  path: SendPath | null;
}

export async function stopStrategies(o: StopStrategiesOptions): Promise<StopOutcome> {
  const timers = o.timers ?? systemTimers;
  const { clock, reason } = o;
  const ids = [...new Set(o.ids)];
  const start = clock.monotonic();
  const hardStopAt = start + MAX_TOTAL_MS;
  const who = { ...(o.actor ? { actor: o.actor } : {}), ...(o.incidentId ? { incidentId: o.incidentId } : {}) };
  const records = auditBeside(o.audit, timers);
  const ssh = Promise.resolve(o.sshFallback).catch(() => undefined);

  const send = (api: StopApi, id: string) => (signal: AbortSignal) => api.stopStrategy(id, reason, { signal });
  const sending = async (stop: AbortSignal): Promise<StopsSent> => {
    const results = await Promise.all(
      ids.map((id) =>
        sendUntilDeadline<StrategyCommandResult>({
          clock,
          timers,
          direct: send(o.client, id),
          ...(o.sshFallback ? { ssh: ssh.then((api) => (api ? send(api, id) : undefined)) } : {}),
          deadlineMs: Math.min(o.deadlineMs ?? SEND_DEADLINE_MS, MAX_TOTAL_MS - READ_TIMEOUT_MS),
          stop,
        }),
      ),
    );
    const answered = results.filter((r) => sendSummary(r).accepted);
    const path: SendPath | null = answered.some((r) => r.path === 'ssh') ? 'ssh' : answered.length > 0 ? 'direct' : null;
    return { results, accepted: answered.length > 0, path };
  };
  const written = sendAndReadBack<StopCheck, StopsSent>({
    clock,
    timers,
    send: sending,
    apis: readPaths<StopApi>(o.client, ssh),
    windowMs: o.verifyWindowMs ?? VERIFY_WINDOW_MS,
    hardStopAt,
    readTimeoutMs: o.readTimeoutMs ?? READ_TIMEOUT_MS,
    judge: async (read) => {
      const strategies = await read('strategies');
      return strategies.ok ? { value: checkStops(strategies.value, ids) } : { error: `strategies could not be read: ${strategies.failure.message}` };
    },
    done: (check) => check.verified,
  });
  records.record('stop intent', { type: 'strategies.stop.intent', ...who, data: { ids, reason } });
  const { sent, verification } = await written;

  const check = verification.value;
  const verified = check?.verified === true && ids.length > 0;
  const failures = verified
    ? []
    : sent.results.flatMap((r, i) => {
        const error = sendSummary(r).error;
        return error ? [`${ids[i]}: ${error}`] : [];
      });
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
    attempts: sent.results.reduce((n, r) => n + r.attempts, 0),
    path: sent.path,
    ...(failures.length > 0 ? { error: failures.join('; ') } : {}),
    elapsedMs: clock.monotonic() - start,
    reason,
  };
  records.record('stop outcome', { type: 'strategies.stop.outcome', ...who, data: outcome });
  const auditError = await records.settle(Math.min(AUDIT_GRACE_MS, Math.max(0, hardStopAt - clock.monotonic())));
  return auditError ? { ...outcome, auditError } : outcome;
}
