/**
 * The clock for every countdown on the page: ticks just after each whole
 * second, so the cards, the strip and the title agree to the second.
 *
 * Wall clock, not performance.now(): deadlines are absolute epoch ms set by
 * the host, which runs on this same machine (loopback or Electron's main
 * process), so both read the same system clock.
 */
import { createTickingClock } from '../ticking-clock.js';

/** Past each second boundary by this much, ms, so a tick never lands just before it. */
const BOUNDARY_SLACK_MS = 15;

/** Epoch ms, refreshed once a second. */
export const useWallClock: () => number = createTickingClock(
  () => Date.now(),
  () => 1000 - (Date.now() % 1000) + BOUNDARY_SLACK_MS,
);
