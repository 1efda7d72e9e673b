/**
 * Polls the trading system's read endpoints and keeps the live view of it.
 *
 * One independent loop per endpoint, so a slow positions answer never delays
 * the health check; at most one request per endpoint in flight; each request
 * has a deadline (one timer for the polls started in one wakeup, which share
 * it). Each loop runs at its lane's interval (src/core/lanes.ts: health,
 * status and risk on the fast lane, the books on the normal one), and
 * everything timed by the interval (the rhythm, backoff, freshness) uses the
 * endpoint's own. A good answer schedules the next poll one interval after
 * the previous one began, or up to a quarter interval sooner so as to fall
 * on its lane's beat (the instants start + k intervals, which every endpoint
 * of a lane shares and on which the book lane's beat falls as well); a
 * timer that fires also starts any poll due within GATHER_MS, so the polls
 * due together start in one wakeup of the process, not one each. A failure
 * backs off (src/core/backoff.ts). Backoff
 * slows the asking, never the judging: a freshness timer re-judges every view
 * at the exact instant it would go stale or frozen, whatever the loops do.
 *
 * Recovery from an outage is driven by the health check. Its backoff is
 * capped at HEALTH_BACKOFF_CAP_INTERVALS intervals, so a system that comes
 * back is noticed within two intervals. While the health check fails, an
 * endpoint that fails too is parked instead of backing off (its view is dead
 * either way, and a struggling system is spared the load); the first good
 * health answer restarts every parked or backing-off endpoint at once, and
 * a failure of a request that was sent before that answer is asked again at
 * once, since it says nothing about the system that is back.
 *
 * After each poll result, and at each freshness edge, subscribers get one
 * update holding only the endpoints whose view changed; the results of polls
 * started in one wakeup go out in one update, once all are in or
 * GATHER_PUBLISH_MS after the first (the fast lane's three answers are one
 * update, one delta on the link, one message to each renderer, not three;
 * the link sends each book's rows in a message of their own,
 * src/core/live-link/link.ts `linkParts`).
 */
import { backoffDelayMs, BACKOFF_CAP_MS } from '../../core/backoff.js';
import { isSystemDown } from '../../core/freshness.js';
import { intervalOf, laneIntervals, riskHistorySpacingMs } from '../../core/lanes.js';
import { RingBuffer } from '../../core/ring-buffer.js';
import { ENDPOINT_NAMES, type EndpointName } from '../../contract/hft.js';
import type { EndpointViews, LiveSnapshot, LiveUpdate, RiskHistory } from '../../contract/live.js';
import type { Clock } from '../clock.js';
import type { ClientResult, HftClient } from './client.js';
import { edgeOf, newRecord, recordAnswer, recordFailure, sameView, viewOf, type EndpointRecord } from './endpoint-record.js';
import type { LiveFeed } from './feed.js';
import { systemTimers, type TimerHandle, type Timers } from './timers.js';

export const DEFAULT_POLL_MS = 1000;
/** Interval of the fast lane (health, status, risk) in the default settings, ms. */
export const DEFAULT_FAST_POLL_MS = 250;
export const DEFAULT_REQUEST_TIMEOUT_MS = 2000;
export const DEFAULT_HISTORY_HOURS = 12;
/**
 * The health check's backoff base never exceeds this many intervals: with
 * equal jitter it waits between one and two intervals while the system is
 * down, so the first good answer after an outage comes within two.
 */
export const HEALTH_BACKOFF_CAP_INTERVALS = 2;
/** A poll due this soon after a timer fires starts with it, ms: timers due together fire a millisecond or so apart. */
export const GATHER_MS = 2;
/**
 * The results of polls started together are published together once all
 * are in, or this long after the first of them, ms: a loaded machine's
 * answers to the fast lane's three reads land a few ms apart, and a slow
 * one must not hold up the others' news for more than this.
 */
export const GATHER_PUBLISH_MS = 10;

export interface PollerOptions {
  client: HftClient;
  clock: Clock;
  /** Poll interval of the book lane (positions, strategies), ms. */
  pollMs?: number;
  /** Poll interval of the fast lane (health, status, risk), ms; absent means the same as `pollMs` (src/core/lanes.ts). */
  fastPollMs?: number;
  /** Deadline of each request, ms. */
  requestTimeoutMs?: number;
  /** Risk history window, hours; sized at one point per poll. */
  historyHours?: number;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  timers?: Timers;
  /** Cap on the backoff base wait, ms. */
  backoffCapMs?: number;
}

type Records = { [E in EndpointName]: EndpointRecord<E> };
type Settled = ClientResult<unknown>;

/** Polls started in one wakeup, whose results go out in one update. */
interface Round {
  /** Polls of the round still out. */
  pending: number;
  /** Waiting for the rest of the round, GATHER_PUBLISH_MS after the first result. */
  flush: TimerHandle | null;
  /** Published already: each further result of the round goes out at once. */
  flushed: boolean;
  /**
   * The round's one deadline timer: its polls start in one wakeup, so they
   * share their deadline; it goes when the last of them settles.
   */
  deadline: TimerHandle | null;
  /** How to time out each poll of the round still out. */
  out: Set<() => void>;
}

interface InFlight {
  /** Ends the request as timed out and aborts it. */
  expire: () => void;
  settled: Promise<void>;
}

export function createPoller(options: PollerOptions): LiveFeed {
  const { client, clock } = options;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const lanes = laneIntervals(pollMs, options.fastPollMs);
  const every = (name: EndpointName) => intervalOf(name, lanes);
  const historySpacingMs = riskHistorySpacingMs(lanes);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const historyHours = options.historyHours ?? DEFAULT_HISTORY_HOURS;
  const random = options.random ?? Math.random;
  const timers = options.timers ?? systemTimers;
  const backoffCapMs = options.backoffCapMs ?? BACKOFF_CAP_MS;

  const records = Object.fromEntries(ENDPOINT_NAMES.map((name) => [name, newRecord(name)])) as Records;
  // Every view starts out published as pending, so the first update of an
  // endpoint is its first change rather than all five at once.
  for (const name of ENDPOINT_NAMES) {
    const record = records[name] as EndpointRecord;
    record.published = viewOf(record, clock.monotonic(), every(name), false);
  }
  // Columns: wall ms, daily P&L USD, loss limit used %.
  const riskHistory = new RingBuffer(Math.max(1, Math.ceil((historyHours * 3_600_000) / pollMs)), 3);
  const listeners = new Set<(update: LiveUpdate) => void>();
  const inFlight = new Map<EndpointName, InFlight>();
  const nextPoll = new Map<EndpointName, TimerHandle>();
  /** When each scheduled poll is due, monotonic ms. */
  const dueAt = new Map<EndpointName, number>();
  /** Where the lanes' beats start: the monotonic instant of the last start. */
  let epoch = 0;
  /** Endpoints that failed while the system was down, waiting for the health check to answer. */
  const parked = new Set<EndpointName>();
  let lastHistoryAt = -Infinity;
  /** Bumped at each good health answer that ends an outage. */
  let recoveries = 0;
  let edgeTimer: TimerHandle | null = null;
  /** The round the polls started now join; null outside `together`. */
  let gathering: Round | null = null;
  /** Rounds waiting on a flush timer, so that a stop clears them. */
  const flushing = new Set<Round>();
  let running = false;
  // Bumped on every start and stop, so a result from an earlier run is dropped.
  let run = 0;

  const systemDown = () => isSystemDown(records.health.consecutiveFailures);

  function poll(name: EndpointName): void {
    nextPoll.delete(name);
    dueAt.delete(name);
    if (!running || inFlight.has(name)) return;
    const myRun = run;
    // A poll started on its own (not in `together`) publishes its result at once.
    const round: Round = gathering ?? newRound(true);
    round.pending++;
    const controller = new AbortController();
    const sentMono = clock.monotonic();
    const sentRecovery = recoveries;
    // Settles on the client's answer, or at the deadline or a stop (`expire`), which
    // abort the request too: a client that ignored its signal must not wedge the loop.
    let answer!: (result: Settled) => void;
    const outcome = new Promise<Settled>((resolve) => (answer = resolve));
    const expire = (): void => {
      answer({ ok: false, failure: { kind: 'timeout', message: `${name}: no answer within ${requestTimeoutMs} ms` } });
      controller.abort();
    };
    round.out.add(expire);
    if (round.deadline === null) {
      round.deadline = timers.setTimeout(() => {
        round.deadline = null;
        for (const timedOut of [...round.out]) timedOut();
      }, requestTimeoutMs);
    }
    const broken = (error: unknown) => answer({ ok: false, failure: { kind: 'network', message: `${name}: ${String(error)}` } });
    // The client answers with values, but a throw must not stop the loop either.
    try {
      client.get(name, controller.signal).then(answer, broken);
    } catch (error) {
      broken(error);
    }
    const settled = outcome.then((result) => {
      round.out.delete(expire);
      if (round.out.size === 0 && round.deadline !== null) {
        timers.clearTimeout(round.deadline);
        round.deadline = null;
      }
      inFlight.delete(name);
      if (!running) return;
      // A result from before a stop is dropped; if a new start skipped this
      // endpoint because the old request was still out, begin its loop now.
      if (myRun !== run) {
        if (!nextPoll.has(name)) poll(name);
        return;
      }
      settle(name, result, sentMono, sentRecovery);
      landed(round);
    });
    inFlight.set(name, { expire, settled });
  }

  function settle(name: EndpointName, result: Settled, sentMono: number, sentRecovery: number): void {
    const record = records[name] as EndpointRecord;
    const mono = clock.monotonic();
    const wall = clock.now();
    const wasDown = systemDown();
    if (result.ok) {
      recordAnswer(record, result.value as never, { wall, mono, roundTripMs: mono - sentMono });
      if (name === 'risk' && wall - lastHistoryAt >= historySpacingMs) {
        const risk = records.risk.data!;
        riskHistory.push([wall, risk.daily_pnl_usd, risk.loss_limit_used_pct]);
        lastHistoryAt = wall;
      }
    } else {
      recordFailure(record, result.failure, wall);
    }
    if (result.ok) {
      schedule(name, Math.max(0, onBeat(name, sentMono + every(name)) - mono));
      if (name === 'health' && wasDown) resumeAfterOutage();
    } else if (name === 'health') {
      const capMs = Math.min(backoffCapMs, HEALTH_BACKOFF_CAP_INTERVALS * every(name));
      schedule(name, backoffDelayMs(record.consecutiveFailures, every(name), random(), capMs));
    } else if (systemDown()) {
      parked.add(name);
    } else if (sentRecovery !== recoveries) {
      schedule(name, 0);
    } else {
      schedule(name, backoffDelayMs(record.consecutiveFailures, every(name), random(), backoffCapMs));
    }
  }

  /** Starts the polls `start` starts as one round: their results go out in one update. */
  function newRound(flushed: boolean): Round {
    return { pending: 0, flush: null, flushed, deadline: null, out: new Set() };
  }

  function together(start: () => void): void {
    const round = newRound(false);
    gathering = round;
    try {
      start();
    } finally {
      gathering = null;
    }
  }

  /** A result of `round` is recorded: publish once the round is in, or GATHER_PUBLISH_MS after its first result. */
  function landed(round: Round): void {
    round.pending--;
    if (round.flushed || round.pending === 0) {
      if (round.flush !== null) timers.clearTimeout(round.flush);
      round.flush = null;
      round.flushed = true;
      flushing.delete(round);
      publish();
      return;
    }
    if (round.flush !== null) return;
    flushing.add(round);
    round.flush = timers.setTimeout(() => {
      round.flush = null;
      round.flushed = true;
      flushing.delete(round);
      publish();
    }, GATHER_PUBLISH_MS);
  }

  /** The lane's last beat at or before `due` if it is at most a quarter interval before; else `due` itself. */
  function onBeat(name: EndpointName, due: number): number {
    const interval = every(name);
    const beat = epoch + Math.floor((due - epoch) / interval) * interval;
    return due - beat <= interval / 4 ? beat : due;
  }

  function schedule(name: EndpointName, delayMs: number): void {
    dueAt.set(name, clock.monotonic() + delayMs);
    nextPoll.set(name, timers.setTimeout(() => fire(name), delayMs));
  }

  /** A poll's timer fired: it starts, and so does every other poll due within GATHER_MS. */
  function fire(name: EndpointName): void {
    together(() => {
      poll(name);
      const soon = clock.monotonic() + GATHER_MS;
      for (const other of ENDPOINT_NAMES) {
        const handle = nextPoll.get(other);
        const due = dueAt.get(other);
        if (handle === undefined || due === undefined || due > soon) continue;
        timers.clearTimeout(handle);
        poll(other);
      }
    });
  }

  /** The health check answered after failing: every endpoint held back by the outage asks now. */
  function resumeAfterOutage(): void {
    recoveries++;
    together(() => {
      for (const name of ENDPOINT_NAMES) {
        if (name === 'health' || inFlight.has(name)) continue;
        const waiting = nextPoll.get(name);
        if (parked.delete(name)) {
          poll(name);
        } else if (waiting !== undefined && records[name].consecutiveFailures > 0) {
          timers.clearTimeout(waiting);
          poll(name);
        }
      }
    });
  }

  /** Re-judges every view, sends the changed ones, and re-arms the freshness timer. */
  function publish(): void {
    const mono = clock.monotonic();
    const down = systemDown();
    const changed: LiveUpdate['endpoints'] = {};
    let any = false;
    for (const name of ENDPOINT_NAMES) {
      const record = records[name] as EndpointRecord;
      const view = viewOf(record, mono, every(name), down);
      if (record.published === null || !sameView(record.published, view)) {
        record.published = view;
        (changed as Record<string, unknown>)[name] = view;
        any = true;
      }
    }
    if (any) emit({ endpoints: changed, pollMs, at: clock.now() });
    armEdgeTimer(mono, down);
  }

  function armEdgeTimer(mono: number, down: boolean): void {
    if (edgeTimer !== null) timers.clearTimeout(edgeTimer);
    edgeTimer = null;
    if (!running) return;
    let edge: number | null = null;
    for (const name of ENDPOINT_NAMES) {
      const at = edgeOf(records[name] as EndpointRecord, mono, every(name), down);
      if (at !== null && (edge === null || at < edge)) edge = at;
    }
    if (edge === null) return;
    edgeTimer = timers.setTimeout(() => {
      edgeTimer = null;
      publish();
    }, edge - mono + 1);
  }

  function emit(update: LiveUpdate): void {
    for (const listener of [...listeners]) {
      try {
        listener(update);
      } catch {
        // One broken subscriber must not stop the others or the polling.
      }
    }
  }

  function buildViews(): EndpointViews {
    const mono = clock.monotonic();
    const down = systemDown();
    const views = {} as Record<EndpointName, unknown>;
    for (const name of ENDPOINT_NAMES) views[name] = viewOf(records[name] as EndpointRecord, mono, every(name), down);
    return views as EndpointViews;
  }

  return {
    start() {
      if (running) return;
      running = true;
      run++;
      epoch = clock.monotonic();
      parked.clear();
      together(() => {
        for (const name of ENDPOINT_NAMES) poll(name);
      });
    },
    async stop() {
      running = false;
      run++;
      for (const handle of nextPoll.values()) timers.clearTimeout(handle);
      nextPoll.clear();
      dueAt.clear();
      parked.clear();
      if (edgeTimer !== null) timers.clearTimeout(edgeTimer);
      edgeTimer = null;
      for (const round of flushing) if (round.flush !== null) timers.clearTimeout(round.flush);
      flushing.clear();
      const pending = [...inFlight.values()];
      for (const request of pending) request.expire();
      await Promise.all(pending.map((request) => request.settled));
    },
    snapshot(): LiveSnapshot {
      return { endpoints: buildViews(), pollMs, at: clock.now() };
    },
    history(): RiskHistory {
      return { t: riskHistory.column(0), dailyPnlUsd: riskHistory.column(1), lossLimitUsedPct: riskHistory.column(2) };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
