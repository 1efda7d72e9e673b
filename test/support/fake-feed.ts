/**
 * A LiveFeed that polls nothing: tests of the hosts drive it by hand
 * (`push`) to see updates travel to renderers without a trading system.
 */
import type { EndpointViews, LiveSnapshot, LiveUpdate, RiskHistory } from '../../src/contract/index.js';
import type { LiveFeed } from '../../src/services/hft/feed.js';

export interface FakeFeed extends LiveFeed {
  readonly running: boolean;
  readonly stopped: boolean;
  /** Delivers an update to every subscriber, as a poll round would. */
  push(update: LiveUpdate): void;
  listenerCount(): number;
}

const pendingView = () => ({
  freshness: 'pending' as const,
  data: null,
  receivedAt: null,
  ageMs: null,
  consecutiveFailures: 0,
  invalidResponses: 0,
  lastFailure: null,
  clockSkewMs: null,
  timestampFrozen: false,
});

export function pendingEndpoints(): EndpointViews {
  return {
    health: pendingView(),
    status: pendingView(),
    positions: pendingView(),
    strategies: pendingView(),
    risk: pendingView(),
  };
}

export function createFakeFeed(pollMs = 1000): FakeFeed {
  const listeners = new Set<(update: LiveUpdate) => void>();
  let endpoints = pendingEndpoints();
  let at = 0;
  let running = false;
  let stopped = false;
  const history: RiskHistory = { t: [], dailyPnlUsd: [], lossLimitUsedPct: [] };
  return {
    get running() {
      return running;
    },
    get stopped() {
      return stopped;
    },
    start() {
      running = true;
    },
    async stop() {
      running = false;
      stopped = true;
    },
    snapshot: (): LiveSnapshot => ({ endpoints, pollMs, at }),
    history: () => history,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push(update) {
      endpoints = { ...endpoints, ...update.endpoints };
      at = update.at;
      for (const listener of [...listeners]) listener(update);
    },
    listenerCount: () => listeners.size,
  };
}
