/**
 * A poller wired to fake time and a scripted trading system, for the
 * poller's own tests: one interval is POLL ms, the deadline 5 s, and
 * jitter is pinned to its lower bound so backoff waits are exact.
 */
import { ENDPOINTS, ENDPOINT_NAMES, type EndpointName } from '../../src/contract/hft.js';
import type { LiveUpdate } from '../../src/contract/live.js';
import { FakeTime, FakeTradingSystem, sampleAnswer } from './hft-fakes.js';
import type { LiveFeed } from '../../src/services/hft/feed.js';
import { createPoller, type PollerOptions } from '../../src/services/hft/poller.js';

export const POLL = 1000;
export const network = { kind: 'fail', failure: { kind: 'network', message: 'connection refused' } } as const;

/** A valid answer for whichever endpoint `url` names, stamped at `wallMs`. */
export function answerFor(url: string, wallMs: number): Response {
  const name = ENDPOINT_NAMES.find((e) => url.endsWith(ENDPOINTS[e].path))!;
  return new Response(JSON.stringify(sampleAnswer(name, new Date(wallMs).toISOString())));
}

/** Feeds created here; a test file stops them all after each test with `stopAllFeeds`. */
const feeds: LiveFeed[] = [];

export async function stopAllFeeds(): Promise<void> {
  await Promise.all(feeds.splice(0).map((f) => f.stop()));
}

/** Registers a feed built by hand so `stopAllFeeds` stops it too. */
export function track(feed: LiveFeed): LiveFeed {
  feeds.push(feed);
  return feed;
}

export function setup(over: Partial<PollerOptions> = {}) {
  const time = new FakeTime();
  const system = new FakeTradingSystem(time);
  const feed = track(
    createPoller({ client: system, clock: time, timers: time, pollMs: POLL, requestTimeoutMs: 5000, random: () => 0, ...over }),
  );
  const updates: LiveUpdate[] = [];
  feed.subscribe((u) => updates.push(u));
  const view = <E extends EndpointName>(e: E) => feed.snapshot().endpoints[e];
  return { time, system, feed, updates, view };
}
