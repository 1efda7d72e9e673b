/**
 * The live feed of the trading system the host composes into its backend:
 * the poller implements it, hosts and tests consume it.
 */
import type { LiveSnapshot, LiveUpdate, RiskHistory } from '../../contract/index.js';

export interface LiveFeed {
  /** Begins polling every endpoint; idempotent. */
  start(): void;
  /** Stops polling and aborts requests in flight; resolves when all have settled. */
  stop(): Promise<void>;
  /** The current view of every endpoint. */
  snapshot(): LiveSnapshot;
  /** Risk history over the configured window (the shift chart). */
  history(): RiskHistory;
  /** Called after each poll round with the endpoints whose view changed; returns unsubscribe. */
  subscribe(listener: (update: LiveUpdate) => void): () => void;
}
