/**
 * Sending a write and reading the system back at the same time, until it
 * shows what was asked or the time is up. Reads start while the request is
 * still open (a halt that landed on a slow system shows in its status
 * before its answer comes), go the way the write went once it is answered,
 * and keep going for a short window after the write was accepted. When
 * nothing was accepted the reads already made say where things stand: no
 * window is waited.
 */
import type { EndpointData, EndpointName } from '../../contract/hft.js';
import type { SendPath } from '../../core/killswitch/outcome.js';
import type { Clock } from '../clock.js';
import type { ClientResult, HftClient } from '../hft/client.js';
import type { Timers } from '../hft/timers.js';
import { unreachable, waitAtMost, withDeadline } from './send.js';

/** Pause between read-backs while the system catches up, ms: a few polls within the window. */
export const READ_BACK_PAUSE_MS = 200;
/** Most read-back rounds, whatever the clock does. */
const MAX_READ_ROUNDS = 200;

export type ReadApi = Pick<HftClient, 'get'>;

/** `first`, then the other paths given, each once: the order reads try them in. */
export function readOrder(first: ReadApi, all: readonly (ReadApi | undefined)[]): ReadApi[] {
  return [first, ...all.filter((a): a is ReadApi => a !== undefined && a !== first)];
}

export async function readEndpoint<E extends EndpointName>(
  endpoint: E,
  apis: readonly ReadApi[],
  time: { clock: Clock; timers: Timers },
  timeoutMs: number,
  /** Monotonic instant no read may pass, whichever path it takes. */
  stopAt: number,
): Promise<ClientResult<EndpointData[E]>> {
  let result: ClientResult<EndpointData[E]> = { ok: false, failure: { kind: 'network', message: 'no path to read from' } };
  for (const api of apis) {
    const ms = Math.min(timeoutMs, stopAt - time.clock.monotonic());
    if (ms <= 0) return { ok: false, failure: { kind: 'timeout', message: `read ${endpoint}: no time left` } };
    result = await withDeadline(time.timers, (signal) => api.get(endpoint, signal), ms, `read ${endpoint}`);
    if (result.ok || !unreachable(result.failure)) return result;
  }
  return result;
}

/** What a write's sends came to, as far as reading back cares. */
export interface SendSettled {
  /** The server took the write (a 200, even one whose body could not be read). */
  accepted: boolean;
  path: SendPath | null;
}

export interface SendAndReadBackOptions<V, S extends SendSettled> {
  clock: Clock;
  timers: Timers;
  /** Starts sending; `stop` is aborted once the read-back shows the write done, or time is up. */
  send: (stop: AbortSignal) => Promise<S>;
  /** The read paths in order of preference, given the path that answered (null while none has). */
  apis: (answeredPath: SendPath | null) => Promise<readonly ReadApi[]>;
  /** How long reads go on after the write was accepted, ms. */
  windowMs: number;
  /** Nothing may run past this monotonic instant. */
  hardStopAt: number;
  readTimeoutMs: number;
  /** One read round: returns the judgement, or a reason the read failed. */
  judge: (read: <E extends EndpointName>(endpoint: E) => Promise<ClientResult<EndpointData[E]>>) => Promise<{ value: V } | { error: string }>;
  done: (value: V) => boolean;
}

export interface ReadBackResult<V> {
  /** The last judgement; null when no round read everything it needed. */
  value: V | null;
  /** Host wall clock of that judgement. */
  at: number | null;
  /** The last read failure, when the last round failed. */
  error: string | null;
  rounds: number;
}

export async function sendAndReadBack<V, S extends SendSettled>(o: SendAndReadBackOptions<V, S>): Promise<{ sent: S; verification: ReadBackResult<V> }> {
  const stop = new AbortController();
  let sent: S | null = null;
  let acceptedAt = Number.POSITIVE_INFINITY;
  const sending = o.send(stop.signal).then((s) => {
    sent = s;
    if (s.accepted) acceptedAt = o.clock.monotonic();
    return s;
  });
  const left = () => o.hardStopAt - o.clock.monotonic();
  let out: ReadBackResult<V> = { value: null, at: null, error: null, rounds: 0 };

  // An answer usually comes in milliseconds: read then, else after the first pause.
  await waitAtMost(o.timers, Math.min(READ_BACK_PAUSE_MS, left()), sending);
  for (let round = 1; round <= MAX_READ_ROUNDS && left() > 0; round++) {
    const apis = await o.apis((sent as S | null)?.path ?? null);
    const judged = await o.judge((endpoint) => readEndpoint(endpoint, apis, o, o.readTimeoutMs, o.hardStopAt));
    out = 'value' in judged
      ? { value: judged.value, at: o.clock.now(), error: null, rounds: round }
      : { ...out, error: judged.error, rounds: round };
    if ('value' in judged && o.done(judged.value)) break;
    const settled = sent as S | null;
    if (settled && !settled.accepted) break;
    if (settled && o.clock.monotonic() + READ_BACK_PAUSE_MS >= Math.min(acceptedAt + o.windowMs, o.hardStopAt)) break;
    await waitAtMost(o.timers, Math.min(READ_BACK_PAUSE_MS, left()), settled ? null : sending);
  }
  stop.abort();
  return { sent: await sending, verification: out };
}
