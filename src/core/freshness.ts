/**
 * How far the last answer of one endpoint can be trusted, judged from values
 * only: the poller measures, this decides. The states and their meaning are
 * those of `Freshness` in the contract (src/contract/live.ts).
 */
import type { Freshness } from '../contract/live.js';

/** A view goes stale after this many poll intervals without a good answer. */
export const STALE_AFTER_INTERVALS = 2;
/** Failed polls in a row after which an endpoint counts as dead. */
export const DEAD_AFTER_FAILURES = 3;
/**
 * Good answers in a row carrying the same server timestamp before the
 * timestamp counts as frozen. One repeat can be a coarse server clock; three
 * at a 1 s poll rate is a trading system whose numbers stopped moving.
 */
export const FROZEN_AFTER_ANSWERS = 3;
/**
 * Failed health checks in a row that mean the system is not responding. The
 * API defines any health answer other than ok/degraded, or none within the
 * deadline, as "not responding" (shared/hft-api.md), so one is enough.
 */
export const HEALTH_DOWN_AFTER_FAILURES = 1;

export interface FreshnessFacts {
  /** Host monotonic ms now. */
  nowMono: number;
  /** Host monotonic ms of the last good answer; null before the first. */
  lastGoodMono: number | null;
  consecutiveFailures: number;
  /** The health check says the system is not responding. */
  systemDown: boolean;
  /** Poll interval, ms. */
  intervalMs: number;
  timestampFrozen: boolean;
}

/**
 * dead beats everything (the system or this endpoint is not answering), then
 * pending (nothing to show yet), then stale (old or unmoving numbers).
 * Fresh means a good answer no more than STALE_AFTER_INTERVALS intervals ago.
 */
export function judgeFreshness(f: FreshnessFacts): Freshness {
  if (f.systemDown || f.consecutiveFailures >= DEAD_AFTER_FAILURES) return 'dead';
  if (f.lastGoodMono === null) return 'pending';
  if (f.nowMono - f.lastGoodMono > STALE_AFTER_INTERVALS * f.intervalMs) return 'stale';
  if (f.timestampFrozen) return 'stale';
  return 'fresh';
}

/** Whether the health endpoint's record says the whole system is not responding. */
export function isSystemDown(healthConsecutiveFailures: number): boolean {
  return healthConsecutiveFailures >= HEALTH_DOWN_AFTER_FAILURES;
}

/** Whether the server's own timestamp still moves, tracked over good answers. */
export interface TimestampProgress {
  /** Server timestamp of the last good answer, ms since epoch. */
  serverMs: number;
  /** Host monotonic ms when the server timestamp last changed. */
  changedAtMono: number;
  /** Good answers since then that repeated the same timestamp. */
  repeats: number;
}

/**
 * Folds one good answer's server timestamp into the progress record. Any
 * change counts as movement, backwards too: a restarted server with a reset
 * clock is alive, and the skew figure shows the jump.
 */
export function trackServerTimestamp(
  previous: TimestampProgress | null,
  serverMs: number,
  nowMono: number,
): TimestampProgress {
  if (previous === null || previous.serverMs !== serverMs) return { serverMs, changedAtMono: nowMono, repeats: 0 };
  return { serverMs, changedAtMono: previous.changedAtMono, repeats: previous.repeats + 1 };
}

/**
 * Frozen: the same server timestamp across FROZEN_AFTER_ANSWERS repeats while
 * the host's monotonic clock moved more than STALE_AFTER_INTERVALS intervals.
 * Both are needed: repeats alone trip on a burst of fast polls, elapsed time
 * alone trips on an endpoint polled rarely during backoff.
 */
export function isTimestampFrozen(progress: TimestampProgress | null, nowMono: number, intervalMs: number): boolean {
  if (progress === null) return false;
  return (
    progress.repeats >= FROZEN_AFTER_ANSWERS && nowMono - progress.changedAtMono > STALE_AFTER_INTERVALS * intervalMs
  );
}

/**
 * The host monotonic instant after which the judgement of these facts (or
 * the frozen flag) changes with no new answer, or null when only a new
 * answer or failure can change it. The view changes at the first instant
 * strictly after the returned one, so a scheduler waits `edge - now + 1` ms.
 */
export function nextFreshnessEdge(f: FreshnessFacts, progress: TimestampProgress | null): number | null {
  let edge: number | null = null;
  const consider = (at: number) => {
    if (f.nowMono <= at && (edge === null || at < edge)) edge = at;
  };
  const dead = f.systemDown || f.consecutiveFailures >= DEAD_AFTER_FAILURES;
  if (!dead && f.lastGoodMono !== null) consider(f.lastGoodMono + STALE_AFTER_INTERVALS * f.intervalMs);
  if (!f.timestampFrozen && progress !== null && progress.repeats >= FROZEN_AFTER_ANSWERS) {
    consider(progress.changedAtMono + STALE_AFTER_INTERVALS * f.intervalMs);
  }
  return edge;
}
