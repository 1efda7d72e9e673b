/**
 * The clock for everything that shows an age ("updated 0.8 s ago"): the
 * renderer's monotonic time, four ticks a second.
 */
import { createTickingClock } from './ticking-clock.js';

/** Tick period, ms: ages read to a tenth of a second below 10 s, four ticks a second is enough. */
export const TICK_MS = 250;

/** Renderer monotonic ms, refreshed every TICK_MS. */
export const useNow: () => number = createTickingClock(
  () => performance.now(),
  () => TICK_MS,
);
