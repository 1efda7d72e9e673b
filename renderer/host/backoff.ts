/**
 * Reconnect delays for the browser host's socket: quick first retries (a host
 * restart takes about a second), then capped so a long outage costs one
 * attempt every few seconds, with jitter so several tabs do not retry in step.
 */

/** First retry after this many ms. */
export const RECONNECT_FIRST_MS = 250;
/** Never wait longer than this between attempts, ms. */
export const RECONNECT_MAX_MS = 5_000;

/** Delay before reconnect attempt `attempt` (0-based); `random` in [0, 1). */
export function reconnectDelayMs(attempt: number, random: number): number {
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** Math.max(0, attempt));
  // ±20 % jitter keeps the average where the schedule says.
  return Math.round(base * (0.8 + 0.4 * random));
}
