/**
 * How long a poll loop waits after failures before asking again, so a
 * struggling trading system is not hammered by the cockpit that watches it.
 *
 * After the n-th failure in a row the base wait is min(cap, pollMs * 2^n),
 * and the actual wait is drawn uniformly from [base / 2, base) ("equal
 * jitter", AWS Architecture Blog, "Exponential Backoff And Jitter", 2015):
 * loops that failed together do not retry together, and the wait never
 * drops below half the base. With pollMs = 1 s: 1-2 s, 2-4 s, 4-8 s, 8-16 s,
 * then 15-30 s for good.
 */

/** Longest base wait between polls of a failing endpoint, ms. */
export const BACKOFF_CAP_MS = 30_000;

/**
 * @param failures consecutive failures so far (at least 1)
 * @param pollMs   the normal poll interval, ms
 * @param random   a number in [0, 1), e.g. Math.random()
 * @param capMs    the cap on the base wait, ms
 */
export function backoffDelayMs(failures: number, pollMs: number, random: number, capMs = BACKOFF_CAP_MS): number {
  const n = Math.max(1, Math.floor(failures));
  // 2^n overflows to Infinity long before n gets silly; the cap takes over well before.
  const base = Math.min(capMs, pollMs * 2 ** Math.min(n, 52));
  const unit = Math.min(Math.max(random, 0), 1);
  return base / 2 + (unit * base) / 2;
}
