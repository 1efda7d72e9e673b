/**
 * Reading the system back after a write, until it shows what was asked or a
 * short window closes. Reads go the way the write went; when that path
 * cannot be reached and another is given, the other is tried.
 */
import type { EndpointData, EndpointName } from '../../contract/hft.js';
import type { Clock } from '../clock.js';
import type { ClientResult, HftClient } from '../hft/client.js';
import type { Timers } from '../hft/timers.js';
import { sleep, unreachable, withDeadline } from './send.js';

/** Pause between read-backs while the system catches up, ms: a few polls within the window. */
export const READ_BACK_PAUSE_MS = 200;
/** Most read-back rounds, whatever the clock does. */
const MAX_READ_ROUNDS = 100;

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

export interface ReadBackOptions<V> {
  clock: Clock;
  timers: Timers;
  /** Paths in order of preference. */
  apis: readonly ReadApi[];
  /** Reads once, then again until `done` or the window ends, ms. */
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

export async function readBack<V>(o: ReadBackOptions<V>): Promise<ReadBackResult<V>> {
  const until = Math.min(o.clock.monotonic() + o.windowMs, o.hardStopAt);
  let out: ReadBackResult<V> = { value: null, at: null, error: null, rounds: 0 };
  for (let round = 1; round <= MAX_READ_ROUNDS; round++) {
    if (o.hardStopAt - o.clock.monotonic() <= 0) break;
    const judged = await o.judge((endpoint) => readEndpoint(endpoint, o.apis, o, o.readTimeoutMs, o.hardStopAt));
    out = 'value' in judged
      ? { value: judged.value, at: o.clock.now(), error: null, rounds: round }
      : { ...out, error: judged.error, rounds: round };
    if ('value' in judged && o.done(judged.value)) break;
    if (o.clock.monotonic() + READ_BACK_PAUSE_MS >= until) break;
    await sleep(o.timers, READ_BACK_PAUSE_MS);
  }
  return out;
}
