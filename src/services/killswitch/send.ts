/**
 * Sending one write until it lands or its time is up: each attempt has its
 * own deadline, so a hung request is abandoned and sent again; failures
 * that a repeat can fix (no answer, a reset, a 5xx, a garbled body) are
 * retried after a short pause, and ones it cannot (400, 401, 404) end it.
 * The caller's attempt closes over one idempotency key, so every repeat is
 * the same press to the server.
 *
 * When the direct path cannot reach the API (network or timeout) and an SSH
 * path is given, the same attempt goes through it straight away.
 */
import type { SendPath } from '../../core/killswitch/outcome.js';
import type { Clock } from '../clock.js';
import type { ClientFailure, ClientResult } from '../hft/client.js';
import type { Timers } from '../hft/timers.js';

/** Pauses between rounds, ms: short, because a deliberate press must not wait (shared/domain.md); the last repeats. */
export const RETRY_PAUSES_MS = [100, 250, 500, 1000] as const;

export type Attempt<T> = (signal: AbortSignal) => Promise<ClientResult<T>>;

export interface SendOptions<T> {
  clock: Clock;
  timers: Timers;
  direct: Attempt<T>;
  ssh?: Attempt<T>;
  /** No attempt starts after this long, ms. */
  deadlineMs: number;
  /** One attempt's deadline, ms (cut to what is left of the whole). */
  attemptTimeoutMs: number;
}

export interface SendResult<T> {
  result: ClientResult<T>;
  attempts: number;
  /** The path of the last attempt. */
  path: SendPath | null;
}

/** The API could not be reached at all: the case for the SSH path. */
export const unreachable = (f: ClientFailure) => f.kind === 'network' || f.kind === 'timeout';

/** Whether the same request, sent again, could succeed. */
export function retryable(f: ClientFailure): boolean {
  if (f.kind !== 'http') return true;
  const status = f.status ?? 0;
  return status >= 500 || status === 408 || status === 429;
}

export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, Math.max(0, ms)));
}

/**
 * Runs `attempt` with a deadline that holds even if the attempt ignores its
 * signal: a late answer is dropped, never waited for.
 */
export function withDeadline<T>(timers: Timers, attempt: Attempt<T>, ms: number, what: string): Promise<ClientResult<T>> {
  const controller = new AbortController();
  return new Promise<ClientResult<T>>((resolve) => {
    const timer = timers.setTimeout(() => {
      controller.abort();
      resolve({ ok: false, failure: { kind: 'timeout', message: `${what}: no answer within ${Math.round(ms)} ms` } });
    }, ms);
    attempt(controller.signal).then(
      (result) => {
        timers.clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        timers.clearTimeout(timer);
        resolve({ ok: false, failure: { kind: 'network', message: `${what}: ${error instanceof Error ? error.message : String(error)}` } });
      },
    );
  });
}

export async function sendUntilDeadline<T>(options: SendOptions<T>): Promise<SendResult<T>> {
  const { clock, timers, direct, ssh, deadlineMs, attemptTimeoutMs } = options;
  const start = clock.monotonic();
  const left = () => deadlineMs - (clock.monotonic() - start);
  let attempts = 0;
  let last: SendResult<T> = { result: { ok: false, failure: { kind: 'timeout', message: 'not sent: no time left' } }, attempts: 0, path: null };

  const tryPath = async (path: SendPath, attempt: Attempt<T>): Promise<SendResult<T>> => {
    attempts += 1;
    const result = await withDeadline(timers, attempt, Math.min(attemptTimeoutMs, left()), path);
    return (last = { result, attempts, path });
  };

  // Bounded by the deadline; the count guards against a clock that does not move.
  for (let round = 0; round < 1_000 && left() > 0; round++) {
    const viaDirect = await tryPath('direct', direct);
    if (viaDirect.result.ok || !retryable(viaDirect.result.failure)) return viaDirect;
    if (ssh && unreachable(viaDirect.result.failure) && left() > 0) {
      const viaSsh = await tryPath('ssh', ssh);
      if (viaSsh.result.ok || !retryable(viaSsh.result.failure)) return viaSsh;
    }
    const pause = Math.min(RETRY_PAUSES_MS[Math.min(round, RETRY_PAUSES_MS.length - 1)]!, left());
    if (pause > 0) await sleep(timers, pause);
  }
  return { ...last, attempts };
}
