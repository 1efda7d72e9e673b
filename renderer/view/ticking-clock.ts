/**
 * A page-wide clock that React components read through
 * useSyncExternalStore: one timer for every subscriber, so all the times on
 * screen that use it agree, and no timer at all while nothing shows one.
 */
import { useSyncExternalStore } from 'react';

/**
 * `read` gives the time; `delayToNextTick` how long to wait from now to the
 * next tick, ms (a constant for a steady rhythm, or the distance to a
 * boundary such as the next whole second).
 */
export function createTickingClock(read: () => number, delayToNextTick: () => number): () => number {
  let now = read();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const schedule = () => {
    timer = setTimeout(() => {
      now = read();
      for (const l of [...listeners]) l();
      schedule();
    }, delayToNextTick());
  };

  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    if (timer === null) {
      now = read();
      schedule();
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    };
  };

  return () => useSyncExternalStore(subscribe, () => now);
}
