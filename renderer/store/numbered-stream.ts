/**
 * Following one numbered stream from the host: a base (a snapshot, a list)
 * and the numbered deltas after it. Deltas that arrive while no base is
 * held wait for it (the newest `maxWaiting`); a skipped number or a delta
 * that does not fit drops the base and asks for a fresh one at once, or
 * after `retryMs` when it happened while the waiting deltas were applied to
 * a base just taken (never in a tight loop), and again after a failed ask
 * while the link is up. The live view and the incident list both follow
 * their host this way (src/core/live-link, src/core/incidents/link.ts).
 */
import type { Result } from '../../src/contract/index.js';

export type Receipt<State, Applied> = ({ kind: 'apply'; state: State } & Applied) | { kind: 'old' } | { kind: 'resync'; reason: string };

export interface NumberedStreamOptions<Base, Delta, State, Applied> {
  /** The state a base starts. */
  fromBase(base: Base): State;
  receive(state: State, delta: Delta): Receipt<State, Applied>;
  /** Asks the host for a fresh base. */
  fetchBase(): Promise<Result<Base>>;
  /** A base was taken as the new state (before the deltas that waited for it). */
  tookBase(base: Base, state: State): void;
  /** A delta applied; `arrivedAt` is when it came, before it was decoded. */
  applied(receipt: { kind: 'apply'; state: State } & Applied, arrivedAt: number): void;
  /** Whether asking again is worth it (the host link is up). */
  canRetry(): boolean;
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  retryMs: number;
  maxWaiting: number;
}

export interface NumberedStream<Base, Delta> {
  /** A delta from the host. */
  receive(delta: Delta): void;
  /** A base the caller fetched itself (the first load); ignored while one is held. */
  take(base: Base): void;
  /** A new link, or none: forget the base, what waits and any ask in flight. */
  reset(): void;
  stop(): void;
}

export function numberedStream<Base, Delta, State, Applied>(o: NumberedStreamOptions<Base, Delta, State, Applied>): NumberedStream<Base, Delta> {
  /** What the last base and the deltas after it built; null while a base is awaited. */
  let state: State | null = null;
  let waiting: Delta[] = [];
  let retry: unknown = null;
  let asking = false;
  /** True while the deltas that waited for a base are applied to it. */
  let draining = false;
  let epoch = 0;
  let stopped = false;

  const clearRetry = () => {
    if (retry !== null) o.clearTimeout(retry);
    retry = null;
  };

  const takeBase = (base: Base) => {
    state = o.fromBase(base);
    o.tookBase(base, state);
    const after = waiting;
    waiting = [];
    draining = true;
    for (const delta of after) receive(delta);
    draining = false;
  };

  const ask = async (at: number) => {
    if (asking) return;
    asking = true;
    const base = await o.fetchBase();
    asking = false;
    if (stopped || at !== epoch || state !== null) return;
    if (base.ok) takeBase(base.value);
    else scheduleAsk(at);
  };

  function scheduleAsk(at: number) {
    if (retry !== null || !o.canRetry()) return;
    retry = o.setTimeout(() => {
      retry = null;
      if (!stopped && at === epoch && state === null) void ask(at);
    }, o.retryMs);
  }

  function receive(delta: Delta): void {
    const arrivedAt = o.now();
    if (state === null) {
      waiting.push(delta);
      if (waiting.length > o.maxWaiting) waiting.shift();
      return;
    }
    const receipt = o.receive(state, delta);
    if (receipt.kind === 'old') return;
    if (receipt.kind === 'resync') {
      state = null;
      waiting = [delta];
      if (draining) scheduleAsk(epoch);
      else void ask(epoch);
      return;
    }
    state = receipt.state;
    o.applied(receipt, arrivedAt);
  }

  return {
    receive,
    take(base) {
      if (state === null) takeBase(base);
    },
    reset() {
      clearRetry();
      asking = false;
      state = null;
      waiting = [];
      epoch++;
    },
    stop() {
      stopped = true;
      clearRetry();
    },
  };
}
