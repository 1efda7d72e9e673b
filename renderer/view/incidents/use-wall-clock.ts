/**
 * One shared wall clock for every countdown on the page: a single timer that
 * fires just after each whole second, read through useSyncExternalStore so
 * all clocks on screen (cards, strip, title) agree to the second.
 *
 * Wall clock, not performance.now(): deadlines are absolute epoch ms set by
 * the host, which runs on this same machine (loopback or Electron's main
 * process), so both read the same system clock.
 */
import { useSyncExternalStore } from 'react';

/** Past each second boundary by this much, ms, so a tick never lands just before it. */
const BOUNDARY_SLACK_MS = 15;

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule() {
  timer = setTimeout(() => {
    now = Date.now();
    for (const l of [...listeners]) l();
    schedule();
  }, 1000 - (Date.now() % 1000) + BOUNDARY_SLACK_MS);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** Epoch ms, refreshed once a second. */
export function useWallClock(): number {
  return useSyncExternalStore(subscribe, () => now);
}
