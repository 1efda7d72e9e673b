/**
 * Both ends of the host link's delta encoding (src/contract/live.ts,
 * `LiveDelta`), as pure functions of values.
 *
 * The sender keeps the data it last sent per endpoint and a sequence
 * number; `encodeUpdate` turns a poll round's update (whole views) into a
 * delta against that data. The receiver keeps the views it rebuilt and the
 * last sequence number it applied; `receiveDelta` rebuilds the whole views
 * of a delta, or says that it must start over from a snapshot: a number
 * skipped, or a delta that does not fit what it holds.
 */
import { ENDPOINT_NAMES, type EndpointData, type EndpointName } from '../../contract/hft.js';
import {
  POSITION_KEY,
  STRATEGY_KEY,
  type EndpointPatches,
  type EndpointViews,
  type LiveDelta,
  type LiveLinkSnapshot,
  type LiveUpdate,
} from '../../contract/live.js';
import { applyRows, diffRows, type RowsDelta, type RowsSpec } from './rows.js';

type Data = EndpointData[EndpointName] | null;
type Patch = NonNullable<EndpointPatches[EndpointName]>;

/** The books are sent as row deltas; the other endpoints' answers are a few hundred bytes, sent whole. */
export const ROW_SPECS: Partial<Record<EndpointName, RowsSpec>> = {
  positions: { list: 'positions', key: POSITION_KEY },
  strategies: { list: 'strategies', key: STRATEGY_KEY },
};

export interface SenderState {
  /** Sequence number of the last delta sent; 0 before the first. */
  readonly seq: number;
  /** The data each endpoint's receivers hold after that delta (absent: null). */
  readonly sent: Readonly<Partial<Record<EndpointName, Data>>>;
}

export const initialSender = (): SenderState => ({ seq: 0, sent: {} });

function patchOf(name: EndpointName, before: Data, view: EndpointViews[EndpointName]): Patch {
  const { data, ...meta } = view;
  if (data === before) return meta as Patch;
  const spec = ROW_SPECS[name];
  if (spec !== undefined && data !== null) {
    const rows = diffRows(before as Record<string, unknown> | null, data as Record<string, unknown>, spec);
    if (rows !== null) return { ...meta, data: rows } as Patch;
  }
  return { ...meta, data: { kind: 'full', value: data } } as Patch;
}

/**
 * A poll round's update as the link sends it: each book's rows in an update
 * of their own, after one with everything else. A book's delta at 10,000
 * positions is a hundred times the size of the rest and costs the page a few
 * ms to decode, merge and commit; two books arriving in one message made one
 * task of both on the page's thread (measured in Chromium at 10% of
 * positions moving: 260 kB, up to 7.5 ms; split, the positions message's p95
 * went from 10.0 to 5.9 ms, one bench run each way). Apart, neither waits on
 * the other, and the small endpoints' news comes first.
 */
export function linkParts(update: LiveUpdate): LiveUpdate[] {
  const rest: Partial<EndpointViews> = {};
  const books: LiveUpdate[] = [];
  for (const name of ENDPOINT_NAMES) {
    const view = update.endpoints[name];
    if (view === undefined) continue;
    if (ROW_SPECS[name] !== undefined) books.push({ ...update, endpoints: { [name]: view } });
    else (rest as Record<string, unknown>)[name] = view;
  }
  if (books.length === 0) return [update];
  // Every part carries the update's route; a part with no endpoints would carry nothing else.
  return Object.keys(rest).length > 0 ? [{ ...update, endpoints: rest }, ...books] : books;
}

/** The next delta, carrying `update`'s endpoints against what was sent before. */
export function encodeUpdate(state: SenderState, update: LiveUpdate): { state: SenderState; delta: LiveDelta } {
  const sent = { ...state.sent };
  const endpoints: Record<string, Patch> = {};
  for (const name of ENDPOINT_NAMES) {
    const view = update.endpoints[name];
    if (view === undefined) continue;
    endpoints[name] = patchOf(name, sent[name] ?? null, view);
    sent[name] = view.data;
  }
  const seq = state.seq + 1;
  const delta: LiveDelta = { seq, endpoints, pollMs: update.pollMs, at: update.at };
  if (update.apiRoute !== undefined) delta.apiRoute = update.apiRoute;
  return { state: { seq, sent }, delta };
}

/**
 * Endpoints of a fresh snapshot whose data is not what was sent last: a
 * snapshot must be the state after delta `seq`, so the sender first sends
 * these (as an update) and then stamps the snapshot.
 */
export function unsentChanges(state: SenderState, views: EndpointViews): Partial<EndpointViews> | null {
  let out: Partial<EndpointViews> | null = null;
  for (const name of ENDPOINT_NAMES) {
    if (views[name].data !== (state.sent[name] ?? null)) (out ??= {} as Partial<EndpointViews>)[name] = views[name] as never;
  }
  return out;
}

export interface ReceiverState {
  /** Sequence number of the last delta applied (or of the snapshot). */
  readonly seq: number;
  readonly views: EndpointViews;
}

export const receiveSnapshot = (snapshot: LiveLinkSnapshot): ReceiverState => ({ seq: snapshot.seq, views: snapshot.endpoints });

export type Received =
  /** The next delta: `update` holds the whole views of its endpoints. */
  | { kind: 'apply'; state: ReceiverState; update: LiveUpdate }
  /** Already included in what is held (sent before the snapshot was taken). */
  | { kind: 'old' }
  /** What is held can no longer be trusted; ask for a snapshot. */
  | { kind: 'resync'; reason: string };

export function receiveDelta(state: ReceiverState, delta: LiveDelta): Received {
  if (delta.seq <= state.seq) return { kind: 'old' };
  if (delta.seq !== state.seq + 1) return { kind: 'resync', reason: `update ${state.seq + 1} missing (got ${delta.seq})` };
  const views = { ...state.views } as Record<EndpointName, EndpointViews[EndpointName]>;
  const changed: Record<string, EndpointViews[EndpointName]> = {};
  for (const name of ENDPOINT_NAMES) {
    const patch = delta.endpoints[name];
    if (patch === undefined) continue;
    const { data: change, ...meta } = patch as Patch & { data?: { kind: 'full'; value: Data } | RowsDelta };
    let data: Data = state.views[name].data;
    if (change?.kind === 'full') data = change.value;
    else if (change?.kind === 'rows') {
      const applied = applyRows(data as Record<string, unknown> | null, change, ROW_SPECS[name] ?? { list: name, key: [] });
      if (!applied.ok) return { kind: 'resync', reason: `${name}: ${applied.reason}` };
      data = applied.data as Data;
    }
    const view = { ...meta, data } as EndpointViews[EndpointName];
    views[name] = view;
    changed[name] = view;
  }
  const update: LiveUpdate = { endpoints: changed, pollMs: delta.pollMs, at: delta.at };
  if (delta.apiRoute !== undefined) update.apiRoute = delta.apiRoute;
  return { kind: 'apply', state: { seq: delta.seq, views: views as EndpointViews }, update };
}
