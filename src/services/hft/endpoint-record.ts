/**
 * What the poller remembers about one endpoint between polls, and the view
 * it shows of it. Recording is plain mutation of a small record; the view
 * reuses the validated answer as is (10,000 positions are never copied) and
 * is rebuilt only when something in it changed.
 */
import { clockSkewMs } from '../../core/clock-skew.js';
import {
  isTimestampFrozen,
  judgeFreshness,
  nextFreshnessEdge,
  trackServerTimestamp,
  type FreshnessFacts,
  type TimestampProgress,
} from '../../core/freshness.js';
import type { EndpointData, EndpointName } from '../../contract/hft.js';
import type { EndpointFailure, EndpointView } from '../../contract/live.js';
import type { ClientFailure } from './client.js';

export interface EndpointRecord<E extends EndpointName = EndpointName> {
  readonly name: E;
  data: EndpointData[E] | null;
  /** Host wall ms when `data` arrived. */
  receivedAt: number | null;
  /** Host monotonic ms when `data` arrived. */
  lastGoodMono: number | null;
  consecutiveFailures: number;
  invalidResponses: number;
  lastFailure: EndpointFailure | null;
  clockSkewMs: number | null;
  progress: TimestampProgress | null;
  /** The view last handed to subscribers, to tell what changed. */
  published: EndpointView<E> | null;
}

export function newRecord<E extends EndpointName>(name: E): EndpointRecord<E> {
  return {
    name,
    data: null,
    receivedAt: null,
    lastGoodMono: null,
    consecutiveFailures: 0,
    invalidResponses: 0,
    lastFailure: null,
    clockSkewMs: null,
    progress: null,
    published: null,
  };
}

/** Folds a good answer in. Times are host clocks at receipt; `roundTripMs` is monotonic. */
export function recordAnswer<E extends EndpointName>(
  record: EndpointRecord<E>,
  data: EndpointData[E],
  at: { wall: number; mono: number; roundTripMs: number },
): void {
  const serverMs = Date.parse(data.timestamp);
  record.data = data;
  record.receivedAt = at.wall;
  record.lastGoodMono = at.mono;
  record.consecutiveFailures = 0;
  record.clockSkewMs = Number.isFinite(serverMs) ? clockSkewMs(serverMs, at.wall, at.roundTripMs) : null;
  if (Number.isFinite(serverMs)) record.progress = trackServerTimestamp(record.progress, serverMs, at.mono);
}

export function recordFailure(record: EndpointRecord, failure: ClientFailure, wallNow: number): void {
  record.consecutiveFailures++;
  if (failure.kind === 'invalid') record.invalidResponses++;
  record.lastFailure = { kind: failure.kind, message: failure.message, at: wallNow };
}

function factsOf(record: EndpointRecord, nowMono: number, intervalMs: number, systemDown: boolean): FreshnessFacts {
  return {
    nowMono,
    lastGoodMono: record.lastGoodMono,
    consecutiveFailures: record.consecutiveFailures,
    systemDown,
    intervalMs,
    timestampFrozen: isTimestampFrozen(record.progress, nowMono, intervalMs),
  };
}

export function viewOf<E extends EndpointName>(
  record: EndpointRecord<E>,
  nowMono: number,
  intervalMs: number,
  systemDown: boolean,
): EndpointView<E> {
  const facts = factsOf(record, nowMono, intervalMs, systemDown);
  return {
    freshness: judgeFreshness(facts),
    data: record.data,
    receivedAt: record.receivedAt,
    ageMs: record.lastGoodMono === null ? null : Math.max(0, nowMono - record.lastGoodMono),
    consecutiveFailures: record.consecutiveFailures,
    invalidResponses: record.invalidResponses,
    lastFailure: record.lastFailure,
    clockSkewMs: record.clockSkewMs,
    timestampFrozen: facts.timestampFrozen,
  } as EndpointView<E>;
}

/** The monotonic instant after which this record's view changes by time alone, or null. */
export function edgeOf(record: EndpointRecord, nowMono: number, intervalMs: number, systemDown: boolean): number | null {
  return nextFreshnessEdge(factsOf(record, nowMono, intervalMs, systemDown), record.progress);
}

/**
 * Whether two views differ in anything but their age. Age grows every
 * millisecond; publishing it alone would mean an update per tick for
 * nothing. Data is compared by identity: each good answer is a new object.
 */
export function sameView(a: EndpointView<EndpointName>, b: EndpointView<EndpointName>): boolean {
  return (
    a.freshness === b.freshness &&
    a.data === b.data &&
    a.receivedAt === b.receivedAt &&
    a.consecutiveFailures === b.consecutiveFailures &&
    a.invalidResponses === b.invalidResponses &&
    a.lastFailure === b.lastFailure &&
    a.clockSkewMs === b.clockSkewMs &&
    a.timestampFrozen === b.timestampFrozen
  );
}
