/**
 * Two poll lanes. Health, status and risk answer in a few hundred bytes and
 * carry what an incident is raised from (a disconnected exchange, a system
 * not answering, the loss limit), so they are asked often; positions and
 * strategies are the big books and are asked at the normal interval. Each
 * endpoint's freshness, deadline and backoff follow its own lane's interval.
 */
import type { EndpointName } from '../contract/hft.js';

/** Endpoints on the fast lane. */
export const FAST_LANE: ReadonlySet<EndpointName> = new Set(['health', 'status', 'risk']);

export interface LaneIntervals {
  /** Interval of the book lane (positions, strategies), ms. */
  pollMs: number;
  /** Interval of the fast lane, ms; never slower than the book lane. */
  fastPollMs: number;
}

/** The lanes' intervals from the two settings: a fast lane set slower than the book lane runs at the book lane's rate. */
export function laneIntervals(pollMs: number, fastPollMs: number | undefined): LaneIntervals {
  return { pollMs, fastPollMs: Math.min(pollMs, fastPollMs ?? pollMs) };
}

export function intervalOf(name: EndpointName, lanes: LaneIntervals): number {
  return FAST_LANE.has(name) ? lanes.fastPollMs : lanes.pollMs;
}

/**
 * The shift chart keeps one risk point per book-lane interval (its window is
 * sized so: 12 h at 1 s is 43,200 points), whatever the risk lane's rate. A
 * point is kept when it is at least this long after the previous one: half a
 * fast interval short of the book interval, so answers jittered around the
 * fast rhythm still land one per book interval.
 */
export function riskHistorySpacingMs(lanes: LaneIntervals): number {
  return lanes.fastPollMs >= lanes.pollMs ? 0 : lanes.pollMs - lanes.fastPollMs / 2;
}
