/**
 * What the alert rules look at: the poller's endpoint views reduced to the
 * few numbers the rules need, with one rule about trust built in: data that
 * is not fresh is absent (null). A rule cannot raise or clear what it cannot
 * see; only "system not responding" reads the failures themselves.
 */
import type { KillswitchSource } from '../../contract/hft.js';
import type { EndpointViews } from '../../contract/live.js';
import { DEAD_AFTER_FAILURES } from '../freshness.js';

export interface ExchangeLink {
  name: string;
  connected: boolean;
}

export interface StatusFacts {
  exchanges: ExchangeLink[];
  /** Order round-trip p99, ms. */
  orderP99Ms: number;
  /** Disk used on the trading host, %. */
  diskPct: number;
  killswitchActive: boolean;
  killswitchSource: KillswitchSource | null;
}

export interface RiskFacts {
  /** Share of the daily loss limit used, % (the API's loss_limit_used_pct). */
  lossLimitUsedPct: number;
  dailyPnlUsd: number;
  dailyLossLimitUsd: number;
  killswitchActive: boolean;
}

export interface AlertSnapshot {
  health: {
    /** Failed health checks in a row (0 after a good answer). */
    failedChecks: number;
    /** A good health answer is fresh: the system is seen answering. */
    answering: boolean;
    /** Why the last check failed, for the incident's detail. */
    lastFailure: string | null;
    /** Epoch ms of the last failed check; null when the last check did not fail. */
    lastFailureAt: number | null;
    /**
     * Until when the last failed check vouches for the system being down:
     * its time plus the wait for the next check (one poll interval and a
     * quarter). Past that, with no newer check, nobody has looked: the time
     * counts towards no hold. Null when the last check did not fail.
     */
    downUntil: number | null;
  };
  /**
   * Both the status and the risk endpoints failed several times in a row on
   * their own: the API as a whole is not answering. (Their views also turn
   * dead the moment a health check fails; that is not counted here.)
   */
  apiDead: boolean;
  /** null when the status endpoint is not fresh. */
  status: StatusFacts | null;
  /** null when the risk endpoint is not fresh. */
  risk: RiskFacts | null;
}

/** How long after a failed health check the next one is due, in poll intervals (one, plus a quarter for the request itself). */
export const CHECK_DUE_INTERVALS = 1.25;

/**
 * The poller's views as the alert rules see them; hosts pass the live
 * snapshot straight in, with the poll interval the checks are due at.
 */
export function toAlertSnapshot(views: EndpointViews, pollMs: number): AlertSnapshot {
  const { health, status, risk } = views;
  const failedAt = health.consecutiveFailures > 0 ? (health.lastFailure?.at ?? null) : null;
  const s = status.freshness === 'fresh' ? status.data : null;
  const r = risk.freshness === 'fresh' ? risk.data : null;
  return {
    health: {
      failedChecks: health.consecutiveFailures,
      answering: health.freshness === 'fresh' && health.consecutiveFailures === 0,
      lastFailure: health.lastFailure ? `${health.lastFailure.kind}: ${health.lastFailure.message}` : null,
      lastFailureAt: failedAt,
      downUntil: failedAt === null ? null : failedAt + CHECK_DUE_INTERVALS * pollMs,
    },
    apiDead: status.consecutiveFailures >= DEAD_AFTER_FAILURES && risk.consecutiveFailures >= DEAD_AFTER_FAILURES,
    status: s
      ? {
          exchanges: s.exchanges.map((e) => ({ name: e.name, connected: e.connected })),
          orderP99Ms: s.latency.order_p99_ms,
          diskPct: s.resources.disk_pct,
          killswitchActive: s.killswitch.active,
          killswitchSource: s.killswitch.source,
        }
      : null,
    risk: r
      ? {
          lossLimitUsedPct: r.loss_limit_used_pct,
          dailyPnlUsd: r.daily_pnl_usd,
          dailyLossLimitUsd: r.daily_loss_limit_usd,
          killswitchActive: r.killswitch_active,
        }
      : null,
  };
}
