/**
 * One shared ticking clock for everything that shows an age ("updated 0.8 s
 * ago"): a single interval for the whole page, read through
 * useSyncExternalStore so every age on screen agrees.
 */
import { useSyncExternalStore } from 'react';

/** Tick period, ms: ages read to a tenth of a second below 10 s, four ticks a second is enough. */
export const TICK_MS = 250;

let now = performance.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === null) {
    timer = setInterval(() => {
      now = performance.now();
      for (const l of [...listeners]) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Renderer monotonic ms, refreshed every TICK_MS. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
