/**
 * What the alert rules look at: the poller's endpoint views reduced to the
 * few numbers the rules need, with one rule about trust built in: data that
 * is not fresh is absent (null). A rule cannot raise or clear what it cannot
 * see; only "system not responding" reads the failures themselves.
 */
import type { KillswitchSource } from '../../contract/hft.js';
import type { EndpointViews } from '../../contract/live.js';

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
  };
  /** Both the status and the risk endpoints are dead: the API as a whole is not answering. */
  apiDead: boolean;
  /** null when the status endpoint is not fresh. */
  status: StatusFacts | null;
  /** null when the risk endpoint is not fresh. */
  risk: RiskFacts | null;
}

/** The poller's views as the alert rules see them; hosts pass the live snapshot straight in. */
export function toAlertSnapshot(views: EndpointViews): AlertSnapshot {
  const { health, status, risk } = views;
  const s = status.freshness === 'fresh' ? status.data : null;
  const r = risk.freshness === 'fresh' ? risk.data : null;
  return {
    health: {
      failedChecks: health.consecutiveFailures,
      answering: health.freshness === 'fresh' && health.consecutiveFailures === 0,
      lastFailure: health.lastFailure ? `${health.lastFailure.kind}: ${health.lastFailure.message}` : null,
    },
    apiDead: status.freshness === 'dead' && risk.freshness === 'dead',
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
