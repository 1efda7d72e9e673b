/**
 * Time, as a dependency. Wall time is for display and for comparing with
 * server timestamps; monotonic time is for measuring intervals and ages,
 * because the wall clock jumps (NTP, sleep, a user changing it).
 */
import { performance } from 'node:perf_hooks';

export interface Clock {
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
  /** Monotonic milliseconds from an arbitrary origin; never goes back. */
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};
