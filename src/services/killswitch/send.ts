/**
 * Sending one write until it lands or its time is up.
 *
 * A loaded system is exactly when one halts, so a request is never
 * abandoned for being slow: every attempt stays open until the send
 * deadline. A repeat (with the caller's one idempotency key, so every
 * repeat is the same press to the server) goes out only after a failure a
 * repeat can fix: the connection failed, or the server answered 5xx (or
 * 408/429, which ask for exactly that). Earlier attempts stay open while
 * later ones go, and the first good answer wins.
 *
 * When the direct path cannot be reached (the connection failed) and an SSH
 * path is given, the same write goes through it at once, and each path then
 * repeats on its own failures.
 *
 * The caller reads the system back while this runs and aborts `stop` when
 * the write shows as done: open attempts are then given up.
 */
import type { SendPath } from '../../core/killswitch/outcome.js';
import type { Clock } from '../clock.js';
import type { ClientFailure, ClientResult } from '../hft/client.js';
import type { Timers } from '../hft/timers.js';

/** Pauses between repeats on one path, ms: short, because a deliberate press must not wait (shared/domain.md); the last repeats. */
export const RETRY_PAUSES_MS = [100, 250, 500, 1000] as const;
/** Most attempts per path, whatever the clock does (a guard against a clock that does not move). */
const MAX_ATTEMPTS_PER_PATH = 1_000;

export type Attempt<T> = (signal: AbortSignal) => Promise<ClientResult<T>>;

export interface SendOptions<T> {
  clock: Clock;
  timers: Timers;
  direct: Attempt<T>;
  /** The SSH path, or a promise of it (looking it up must not delay the first request). */
  ssh?: Attempt<T> | Promise<Attempt<T> | undefined>;
  /** No attempt starts after this long, ms, and open ones are given up at it. */
  deadlineMs: number;
  /** Aborted by the caller once the write is shown done: stop sending, give up open attempts. */
  stop?: AbortSignal;
}

export interface SentFailure {
  path: SendPath;
  failure: ClientFailure;
}

export interface SendResult<T> {
  /** The good answer, or the failure that ended the send. */
  result: ClientResult<T>;
  attempts: number;
  /** The path of the good answer, else of the last failure. */
  path: SendPath | null;
  /** Every failed attempt, in the order they ended. */
  failures: SentFailure[];
  /** The server answered 200 but the body could not be read: the write may have landed. */
  answeredUnreadable: boolean;
  /** Ended by `stop` before any answer. */
  stopped: boolean;
}

/** The API could not be reached at all: the case for the SSH path. */
export const unreachable = (f: ClientFailure) => f.kind === 'network' || f.kind === 'timeout';

/** Whether the same request, sent again, could land where this one did not. */
export function retryable(f: ClientFailure): boolean {
  if (f.kind === 'network') return true;
  if (f.kind !== 'http') return false;
  const status = f.status ?? 0;
  return status >= 500 || status === 408 || status === 429;
}

export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, Math.max(0, ms)));
}

/** Waits for `settles` at most `ms`; true when it settled in time. Leaves no timer behind. */
export function waitAtMost(timers: Timers, ms: number, settles: Promise<unknown> | null): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = timers.setTimeout(() => resolve(false), Math.max(0, ms));
    settles?.then(
      () => {
        timers.clearTimeout(timer);
        resolve(true);
      },
      () => {
        timers.clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

/**
 * "no answer within 10 s", "no answer within 1.5 s", "no answer within 400 ms":
 * a second or more to a tenth, so a wait cut to what was left of a 10 s
 * deadline (9,999 ms) reads as the 10 s it was.
 */
export function noAnswerWithin(ms: number): string {
  if (ms < 1_000) return `no answer within ${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100) / 10;
  return `no answer within ${tenths} s`;
}

/**
 * Runs `attempt` with a deadline that holds even if the attempt ignores its
 * signal: a late answer is dropped, never waited for. `stop` gives it up
 * early.
 */
export function withDeadline<T>(timers: Timers, attempt: Attempt<T>, ms: number, what: string, stop?: AbortSignal): Promise<ClientResult<T>> {
  const controller = new AbortController();
  return new Promise<ClientResult<T>>((resolve) => {
    const end = (result: ClientResult<T>) => {
      timers.clearTimeout(timer);
      stop?.removeEventListener('abort', onStop);
      resolve(result);
    };
    const onStop = () => {
      controller.abort();
      end({ ok: false, failure: { kind: 'timeout', message: `${what}: given up` } });
    };
    const timer = timers.setTimeout(() => {
      controller.abort();
      end({ ok: false, failure: { kind: 'timeout', message: `${what}: ${noAnswerWithin(ms)}` } });
    }, ms);
    if (stop?.aborted) return onStop();
    stop?.addEventListener('abort', onStop, { once: true });
    attempt(controller.signal).then(end, (error: unknown) =>
      end({ ok: false, failure: { kind: 'network', message: `${what}: ${error instanceof Error ? error.message : String(error)}` } }),
    );
  });
}

export async function sendUntilDeadline<T>(options: SendOptions<T>): Promise<SendResult<T>> {
  const { clock, timers, direct, deadlineMs } = options;
  const deadlineAt = clock.monotonic() + deadlineMs;
  const left = () => deadlineAt - clock.monotonic();
  // Ends every open attempt and every pause once the send is decided.
  const over = new AbortController();
  const stopListener = () => over.abort();
  options.stop?.addEventListener('abort', stopListener, { once: true });
  if (options.stop?.aborted) over.abort();

  let attempts = 0;
  const failures: SentFailure[] = [];
  let answer: { path: SendPath; result: ClientResult<T> } | null = null;
  let answeredUnreadable = false;
  let sshStarted = false;
  const chains: Promise<void>[] = [];

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = timers.setTimeout(done, Math.max(0, ms));
      function done() {
        timers.clearTimeout(timer);
        over.signal.removeEventListener('abort', done);
        resolve();
      }
      over.signal.addEventListener('abort', done, { once: true });
    });

  /** One path's attempts: each waits for the one before to fail in a way a repeat can fix. */
  const chain = async (path: SendPath, attempt: Attempt<T>): Promise<void> => {
    for (let n = 0; n < MAX_ATTEMPTS_PER_PATH && left() > 0 && !over.signal.aborted; n++) {
      attempts += 1;
      const result = await withDeadline(timers, attempt, left(), path, over.signal);
      if (over.signal.aborted) return;
      if (result.ok) {
        answer = { path, result };
        over.abort();
        return;
      }
      failures.push({ path, failure: result.failure });
      if (result.failure.kind === 'network' && path === 'direct') startSsh();
      if (!retryable(result.failure)) {
        // A 4xx is the server's last word on this press; a garbled 200 was an answer, and the read-back says whether it landed.
        answeredUnreadable = result.failure.kind === 'invalid';
        answer = { path, result };
        over.abort();
        return;
      }
      const wait = Math.min(RETRY_PAUSES_MS[Math.min(n, RETRY_PAUSES_MS.length - 1)]!, left());
      if (wait > 0) await pause(wait);
    }
  };

  const startSsh = () => {
    if (sshStarted || options.ssh === undefined) return;
    sshStarted = true;
    chains.push(
      Promise.resolve(options.ssh).then((ssh) => (ssh && !over.signal.aborted && left() > 0 ? chain('ssh', ssh) : undefined)),
    );
  };

  chains.push(chain('direct', direct));
  // A chain may start another (direct starts SSH) while it runs: wait until none is left.
  for (let settled = 0; settled < chains.length; settled = chains.length) await Promise.all(chains);
  options.stop?.removeEventListener('abort', stopListener);

  const stopped = answer === null && options.stop?.aborted === true;
  const last = failures.at(-1);
  const found = answer as { path: SendPath; result: ClientResult<T> } | null;
  const result: ClientResult<T> = found
    ? found.result
    : { ok: false, failure: stopped ? { kind: 'timeout', message: 'given up: the write showed as done' } : (last?.failure ?? { kind: 'timeout', message: 'not sent: no time left' }) };
  return { result, attempts, path: found?.path ?? last?.path ?? null, failures, answeredUnreadable, stopped };
}

/** A failure's message without the path and endpoint in front ("direct: …", "/api/v1/killswitch over SSH: HTTP 500" → "HTTP 500"). */
function bare(message: string): string {
  return message.replace(/^(?:direct|ssh): /, '').replace(/^\/\S*(?: over SSH)?: /, '');
}

/**
 * The real cause, counted: "HTTP 500 on 14 attempts", "no answer within
 * 10 s", "connect ECONNREFUSED on 3 attempts, then no answer within 10 s";
 * per path when both were tried.
 */
export function describeFailures(failures: readonly SentFailure[]): string {
  const paths = [...new Set(failures.map((f) => f.path))];
  const perPath = paths.map((path) => {
    const groups: { text: string; count: number }[] = [];
    for (const f of failures.filter((x) => x.path === path)) {
      const text = bare(f.failure.message);
      const same = groups.find((g) => g.text === text);
      if (same) same.count += 1;
      else groups.push({ text, count: 1 });
    }
    const parts = groups.map(({ text, count }) => {
      if (count === 1) return text;
      const http = /^(HTTP \d{3})(.*)$/.exec(text);
      return http ? `${http[1]} on ${count} attempts${http[2]}` : `${text} on ${count} attempts`;
    });
    const said = parts.join(', then ');
    return paths.length > 1 ? `${path === 'ssh' ? 'over SSH' : 'direct'}: ${said}` : said;
  });
  return perPath.join('; ');
}
