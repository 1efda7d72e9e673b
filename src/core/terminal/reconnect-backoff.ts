/**
 * How long to wait before each reconnect attempt after an SSH link drops
 * (laptop sleep, VPN change, server restart): doubling from 1 s, capped at
 * 30 s so a host that comes back is found within half a minute, and giving up
 * after MAX_RECONNECT_ATTEMPTS (about 10 minutes in all) so a dead tab does
 * not knock forever.
 */

export const FIRST_RECONNECT_DELAY_MS = 1_000;
export const MAX_RECONNECT_DELAY_MS = 30_000;
/** 1+2+4+8+16 s, then 30 s × 20: about 10.5 minutes of trying. */
export const MAX_RECONNECT_ATTEMPTS = 25;

export interface BackoffPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  firstDelayMs: FIRST_RECONNECT_DELAY_MS,
  maxDelayMs: MAX_RECONNECT_DELAY_MS,
  maxAttempts: MAX_RECONNECT_ATTEMPTS,
};

/** Delay before attempt `attempt` (1-based), or null once the attempts are used up. */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number | null {
  if (attempt < 1 || attempt > policy.maxAttempts) return null;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
}
