import { describe, expect, it } from 'vitest';
import {
  DEAD_AFTER_FAILURES,
  FROZEN_AFTER_ANSWERS,
  STALE_AFTER_INTERVALS,
  isSystemDown,
  isTimestampFrozen,
  judgeFreshness,
  nextFreshnessEdge,
  trackServerTimestamp,
  type FreshnessFacts,
} from './freshness.js';

const INTERVAL = 1000;
const facts = (over: Partial<FreshnessFacts>): FreshnessFacts => ({
  nowMono: 10_000,
  lastGoodMono: 10_000,
  consecutiveFailures: 0,
  systemDown: false,
  intervalMs: INTERVAL,
  timestampFrozen: false,
  ...over,
});

describe('judgeFreshness', () => {
  it('is pending before the first answer', () => {
    expect(judgeFreshness(facts({ lastGoodMono: null }))).toBe('pending');
    expect(judgeFreshness(facts({ lastGoodMono: null, consecutiveFailures: DEAD_AFTER_FAILURES - 1 }))).toBe('pending');
  });

  it('is fresh up to and including two intervals, stale one millisecond later', () => {
    const edge = STALE_AFTER_INTERVALS * INTERVAL;
    expect(judgeFreshness(facts({ nowMono: 10_000 + edge }))).toBe('fresh');
    expect(judgeFreshness(facts({ nowMono: 10_000 + edge + 1 }))).toBe('stale');
  });

  it('stays fresh through fewer failures than the dead threshold while the answer is recent', () => {
    expect(judgeFreshness(facts({ consecutiveFailures: DEAD_AFTER_FAILURES - 1 }))).toBe('fresh');
  });

  it('is dead at exactly the failure threshold, with or without data', () => {
    expect(judgeFreshness(facts({ consecutiveFailures: DEAD_AFTER_FAILURES }))).toBe('dead');
    expect(judgeFreshness(facts({ lastGoodMono: null, consecutiveFailures: DEAD_AFTER_FAILURES }))).toBe('dead');
  });

  it('is dead whenever the system is down, even with a recent answer', () => {
    expect(judgeFreshness(facts({ systemDown: true }))).toBe('dead');
    expect(judgeFreshness(facts({ systemDown: true, lastGoodMono: null }))).toBe('dead');
  });

  it('is stale when the server timestamp is frozen, however recent the answer', () => {
    expect(judgeFreshness(facts({ timestampFrozen: true }))).toBe('stale');
  });

  it('scales the stale edge with the poll interval', () => {
    expect(judgeFreshness(facts({ intervalMs: 5000, nowMono: 10_000 + 10_000 }))).toBe('fresh');
    expect(judgeFreshness(facts({ intervalMs: 5000, nowMono: 10_000 + 10_001 }))).toBe('stale');
  });
});

describe('isSystemDown', () => {
  it('is down from the first failed health check', () => {
    expect(isSystemDown(0)).toBe(false);
    expect(isSystemDown(1)).toBe(true);
  });
});

describe('server timestamp progress', () => {
  it('restarts the count whenever the timestamp changes, backwards too', () => {
    let p = trackServerTimestamp(null, 5_000, 0);
    expect(p).toEqual({ serverMs: 5_000, changedAtMono: 0, repeats: 0 });
    p = trackServerTimestamp(p, 5_000, 1000);
    expect(p.repeats).toBe(1);
    p = trackServerTimestamp(p, 4_000, 2000);
    expect(p).toEqual({ serverMs: 4_000, changedAtMono: 2000, repeats: 0 });
  });

  it('is frozen only after enough repeats and more than two intervals', () => {
    let p = trackServerTimestamp(null, 5_000, 0);
    for (let i = 1; i < FROZEN_AFTER_ANSWERS; i++) p = trackServerTimestamp(p, 5_000, i * INTERVAL);
    // Enough time, too few repeats.
    expect(isTimestampFrozen(p, 10 * INTERVAL, INTERVAL)).toBe(false);
    p = trackServerTimestamp(p, 5_000, FROZEN_AFTER_ANSWERS * INTERVAL);
    // Enough repeats: frozen once the host clock moved past two intervals.
    expect(isTimestampFrozen(p, STALE_AFTER_INTERVALS * INTERVAL, INTERVAL)).toBe(false);
    expect(isTimestampFrozen(p, STALE_AFTER_INTERVALS * INTERVAL + 1, INTERVAL)).toBe(true);
  });

  it('is not frozen for repeats that come faster than two intervals', () => {
    let p = trackServerTimestamp(null, 5_000, 0);
    for (let i = 1; i <= FROZEN_AFTER_ANSWERS + 2; i++) p = trackServerTimestamp(p, 5_000, i * 100);
    expect(isTimestampFrozen(p, 700, INTERVAL)).toBe(false);
  });

  it('is never frozen without a record', () => {
    expect(isTimestampFrozen(null, 1e9, INTERVAL)).toBe(false);
  });
});

describe('nextFreshnessEdge', () => {
  it('is the stale edge of a fresh view, and gone once past it', () => {
    const f = facts({ nowMono: 10_500, lastGoodMono: 10_000 });
    const edge = nextFreshnessEdge(f, null);
    expect(edge).toBe(12_000);
    expect(judgeFreshness({ ...f, nowMono: edge! })).toBe('fresh');
    expect(judgeFreshness({ ...f, nowMono: edge! + 1 })).toBe('stale');
    expect(nextFreshnessEdge(facts({ nowMono: 12_001, lastGoodMono: 10_000 }), null)).toBeNull();
  });

  it('is null when only an event can change the view', () => {
    expect(nextFreshnessEdge(facts({ lastGoodMono: null }), null)).toBeNull();
    expect(nextFreshnessEdge(facts({ consecutiveFailures: DEAD_AFTER_FAILURES }), null)).toBeNull();
    expect(nextFreshnessEdge(facts({ systemDown: true }), null)).toBeNull();
  });

  it('includes the instant a repeating timestamp turns frozen', () => {
    const progress = { serverMs: 1, changedAtMono: 9_000, repeats: FROZEN_AFTER_ANSWERS };
    const f = facts({ nowMono: 10_200, lastGoodMono: 10_000 });
    expect(nextFreshnessEdge(f, progress)).toBe(11_000);
    expect(isTimestampFrozen(progress, 11_000, INTERVAL)).toBe(false);
    expect(isTimestampFrozen(progress, 11_001, INTERVAL)).toBe(true);
    expect(nextFreshnessEdge({ ...f, timestampFrozen: true }, progress)).toBe(12_000);
  });
});
