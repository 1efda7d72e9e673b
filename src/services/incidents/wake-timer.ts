/**
 * One timer for the incident clocks: armed for the next deadline, re-armed
 * after every change. It never waits longer than `MAX_WAIT_MS`, because a
 * laptop that sleeps or a wall clock that jumps (NTP, a person setting it)
 * leaves a long timer firing at the wrong moment: the deadlines are wall
 * times, so the wait is re-measured against the wall clock at least that often.
 */
import type { Clock } from '../clock.js';
import type { TimerHandle, Timers } from '../hft/timers.js';

/** Longest single wait, ms: a missed deadline is announced at most a minute late after a sleep or a clock jump. */
export const MAX_WAIT_MS = 60_000;

export interface WakeTimer {
  /** Fires `onWake` at wall time `at` (null: nothing to wait for); replaces any earlier arming. */
  arm(at: number | null): void;
  cancel(): void;
}

export function createWakeTimer(clock: Clock, timers: Timers, onWake: () => void): WakeTimer {
  let handle: TimerHandle | null = null;
  const cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  return {
    arm(at) {
      cancel();
      if (at === null) return;
      const wait = Math.min(Math.max(0, at - clock.now()), MAX_WAIT_MS);
      handle = timers.setTimeout(() => {
        handle = null;
        onWake();
      }, wait);
    },
    cancel,
  };
}
