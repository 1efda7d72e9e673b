/**
 * Reading another system on a timer (Alertmanager's alerts, PagerDuty's
 * on-call and incidents): one read in flight, the next one an interval
 * after the last ended, backing off after failures (equal jitter,
 * src/core/backoff.ts), and the reason of the last failure kept for the
 * header. `read` throws to fail; its message is the reason.
 */
import { backoffDelayMs } from '../../core/backoff.js';
import type { Clock } from '../clock.js';
import type { TimerHandle, Timers } from '../hft/timers.js';

export interface ReadStatus {
  lastReadAt: number | null;
  /** Epoch ms of the first failure in the current run; null while reads succeed. */
  failingSince: number | null;
  reason: string | null;
}

export interface ReadLoop {
  start(): void;
  /**
   * A read that starts after this call: at once, or when the read in flight
   * ends (that one may have asked before what the caller knows of changed).
   * Callers while it waits share the one read.
   */
  readNow(): Promise<void>;
  status(): ReadStatus;
  stop(): Promise<void>;
}

export interface ReadLoopOptions {
  clock: Clock;
  timers: Timers;
  intervalMs: number;
  /** Longest wait while failing, ms. */
  capMs: number;
  /** Resolves true when it read something, false when there was nothing to read (not configured). */
  read: () => Promise<boolean>;
  onStatus?: () => void;
  random?: () => number;
}

export function createReadLoop(o: ReadLoopOptions): ReadLoop {
  const random = o.random ?? Math.random;
  const status: ReadStatus = { lastReadAt: null, failingSince: null, reason: null };
  let failures = 0;
  let timer: TimerHandle | null = null;
  let inFlight: Promise<void> | null = null;
  /** The read asked for by readNow while another was in flight. */
  let next: Promise<void> | null = null;
  let stopped = true;

  const once = (): Promise<void> => {
    inFlight ??= o.read()
      .then((read) => {
        failures = 0;
        Object.assign(status, { lastReadAt: read ? o.clock.now() : status.lastReadAt, failingSince: null, reason: null });
      })
      .catch((e: Error) => {
        failures++;
        status.failingSince ??= o.clock.now();
        status.reason = e.message;
      })
      .finally(() => {
        inFlight = null;
        o.onStatus?.();
      });
    return inFlight;
  };

  const loop = () => {
    timer = null;
    void once().then(() => {
      if (stopped) return;
      timer = o.timers.setTimeout(loop, failures === 0 ? o.intervalMs : backoffDelayMs(failures, o.intervalMs, random(), o.capMs));
    });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    readNow() {
      if (inFlight === null) return once();
      next ??= inFlight.then(() => {
        next = null;
        return once();
      });
      return next;
    },
    status: () => ({ ...status }),
    async stop() {
      stopped = true;
      if (timer !== null) o.timers.clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}
